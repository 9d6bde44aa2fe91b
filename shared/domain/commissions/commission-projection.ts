import type { DomainEventOf, EventNameOf } from '#domain/event-catalogue';
import type { BucketDelta } from '#domain/sales/reports/bucket-delta';
import { difference } from '#domain/sales/reports/bucket-delta';
import type { eventSources } from '#domain/service-context';
import { contributions, type LedgerBucket } from './commission-ledger';

export type CommissionEvent = DomainEventOf<EventNameOf<typeof eventSources.commissions>>;

/** Where the projection adds what events move: each event once, a redelivery adds nothing. */
export interface CommissionLedgerWriter {
  apply(tenantId: string, eventId: string, deltas: readonly BucketDelta<LedgerBucket>[]): Promise<boolean>;
}

/**
 * Keeps the statements' aggregates from the commission events: a new
 * commission adds what it contributes, a change the difference between the
 * commission before and after. Deliveries may come twice or out of order:
 * the store adds each event once, and differences sum alike in any order.
 */
export class CommissionProjection {
  constructor(private readonly ledger: CommissionLedgerWriter) {}

  async apply(event: CommissionEvent): Promise<void> {
    let deltas: BucketDelta<LedgerBucket>[] = [];
    if (event.type === 'CommissionGenerated') deltas = contributions(event.data.commission);
    else if (event.type === 'CommissionInstalmentsChanged' || event.type === 'CommissionClawedBack') {
      deltas = difference(contributions(event.data.previous), contributions(event.data.commission));
    }
    if (deltas.length > 0) await this.ledger.apply(event.tenantId, event.id, deltas);
  }
}
