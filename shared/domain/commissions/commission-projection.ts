import type { DomainEventOf, EventNameOf } from '#domain/event-catalogue';
import type { BucketDelta } from '#domain/sales/reports/bucket-delta';
import type { eventSources } from '#domain/service-context';
import type { LedgerBucket } from './commission-ledger';

export type CommissionEvent = DomainEventOf<EventNameOf<typeof eventSources.commissions>>;

/** Where the projection adds what events move: each event once, a redelivery adds nothing. */
export interface CommissionLedgerWriter {
  apply(tenantId: string, eventId: string, deltas: readonly BucketDelta<LedgerBucket>[]): Promise<boolean>;
}

/**
 * Keeps the statements' aggregates from the commission events: each carries
 * the ledger moves its change made (a new commission all it contributes, a
 * change the difference before and after). Deliveries may come twice or out
 * of order: the store adds each event once, and differences sum alike in
 * any order.
 */
export class CommissionProjection {
  constructor(private readonly ledger: CommissionLedgerWriter) {}

  async apply(event: CommissionEvent): Promise<void> {
    const deltas =
      event.type === 'CommissionGenerated' ||
      event.type === 'CommissionInstalmentsChanged' ||
      event.type === 'CommissionClawedBack'
        ? (event.data.ledger as BucketDelta<LedgerBucket>[])
        : [];
    if (deltas.length > 0) await this.ledger.apply(event.tenantId, event.id, deltas);
  }
}
