/** A field that an update changed, as the history shows it. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** What an event is about; each has a partition that holds its history. */
export type SubjectType =
  | 'account'
  | 'contact'
  | 'supplyPoint'
  | 'territory'
  | 'product'
  | 'journey'
  | 'user'
  | 'setting'
  | 'job'
  | 'import'
  | 'lead'
  | 'leadSource'
  | 'deal'
  | 'offer'
  | 'contract'
  | 'commission'
  | 'commissionRule'
  | 'export'
  | 'case'
  | 'workOrder'
  | 'newsletter'
  | 'campaign';

/** The subject of an event of one of the subject types `T`. */
export interface EventSubject<T extends SubjectType = SubjectType> {
  readonly type: T;
  readonly id: string;
  readonly accountId?: string;
  /** The account a contact was linked to before this change, when the change moved or unlinked it. */
  readonly previousAccountId?: string;
  /** A work order's case: the event shows in the case's history too. */
  readonly caseId?: string;
}

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
  readonly subject: EventSubject;
  readonly changes?: readonly FieldChange[];
  readonly data: D;
  /**
   * The id of the request (or job) whose change this is, stamped when the
   * event is written; the events its consumers write carry it on.
   */
  readonly correlationId?: string;
}

/**
 * A domain event of the catalogue: its name, its module's bus source, the
 * subject types it may be about and its payload, all known to the compiler.
 */
export interface TypedDomainEvent<N extends string, S extends string, T extends SubjectType, D>
  extends DomainEvent<D> {
  readonly type: N;
  readonly source: S;
  readonly subject: EventSubject<T>;
}

/** JSON with object keys sorted: stored maps come back in any key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
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
    if (canonicalJson(from) !== canonicalJson(to))
      changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}
