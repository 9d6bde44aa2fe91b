import { assertVersion, VersionMismatchError } from './errors';
import type { Stamps } from './stamps';

/**
 * An entity the system writes as well as the client: a supply point's
 * address check and billing copy, a lead's score, qualification and routing
 * (ADR 0011). `version` counts the client's changes: it is the ETag and what
 * `If-Match` checks, so a system write does not make the client's ETag
 * stale. `revision` counts the system's writes; every write moves one of the
 * two, so a write conditional on both loses no other write. Absent until the
 * first system write.
 */
export interface SystemWritten extends Stamps {
  readonly revision?: number;
}

/**
 * `current` after a system write: the next revision, the same version and
 * the same `updatedAt`/`updatedBy`, which tell the client's last change.
 * The write's event names the system's part as its actor.
 */
export function systemWritten<T extends SystemWritten>(current: T): T {
  return { ...current, revision: revisionOf(current) + 1 };
}

/** The revision a conditional write expects; 0 when the item has none yet. */
export const revisionOf = (entity: SystemWritten): number => entity.revision ?? 0;

/** How often a client's change is tried when system writes keep getting in between. */
const attempts = 3;

/**
 * A client's change of an entity the system writes too: read it, check
 * `If-Match` against its version, write. When the write loses to another
 * one in between, the change is made again on a fresh read: after a system
 * write the version still matches and the change goes through; after a
 * client's change the version check answers 412.
 */
export async function clientChange<E extends SystemWritten, R>(
  target: {
    readonly resource: string;
    /** The client's `If-Match`; without it, the change is made on whatever version it reads. */
    readonly expectedVersion: number | undefined;
    readonly read: () => Promise<E>;
  },
  write: (current: E) => Promise<R>,
): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await target.read();
    assertVersion(target.resource, current, target.expectedVersion);
    try {
      return await write(current);
    } catch (error) {
      if (attempt >= attempts || !(error instanceof VersionMismatchError)) throw error;
    }
  }
}
