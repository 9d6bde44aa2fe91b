import type { User } from './user';

/**
 * A user's tokens are signed for an hour and carry the roles of the moment
 * they were issued. When a change takes something from the user (its
 * activity, a role), the tokens issued until then must stop working. The
 * cutoff is in whole seconds, as a token's `iat` is, and lies after the
 * second of the change: a token issued a moment before the change cannot
 * slip through, and one issued in that same second waits a second for a new one.
 */
export function tokenCutoffOf(
  before: Pick<User, 'active' | 'roles'>,
  after: Pick<User, 'active' | 'roles'>,
  now: Date,
): number | undefined {
  const deactivated = before.active && !after.active;
  const demoted = before.roles.some((role) => !after.roles.includes(role));
  return deactivated || demoted ? Math.floor(now.getTime() / 1000) + 1 : undefined;
}

/** Whether a token issued at `issuedAt` (seconds; unknown counts as long ago) is refused by `cutoff`. */
export const isCutOff = (issuedAt: number | undefined, cutoff: number | undefined): boolean =>
  cutoff !== undefined && (issuedAt === undefined || issuedAt < cutoff);

/** Where the handler shell reads a user's cutoff: undefined when nothing was ever taken from the user. */
export interface TokenCutoffs {
  cutoffOf(tenantId: string, userId: string): Promise<number | undefined>;
}
