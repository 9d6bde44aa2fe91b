/** A field that an update changed, as the history shows it. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export type SubjectType = 'account' | 'contact';

/**
 * A domain event. It is written to the outbox in the same transaction as the
 * change it describes, relayed to the bus, and delivered at least once.
 */
export interface DomainEvent<D = Record<string, unknown>> {
  /** A ULID: unique, and sorts by time. Consumers de-duplicate on it. */
  readonly id: string;
  readonly type: string;
  /** The bus `source`, one per domain module (`gridline.accounts`). */
  readonly source: string;
  readonly tenantId: string;
  readonly occurredAt: string;
  readonly actor: { readonly userId: string };
  readonly subject: { readonly type: SubjectType; readonly id: string; readonly accountId?: string };
  readonly changes?: readonly FieldChange[];
  readonly data: D;
}

/** Field-by-field difference of two snapshots, for update events and history. */
export function diffFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = before[field];
    const to = after[field];
    if (JSON.stringify(from) !== JSON.stringify(to))
      changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}
