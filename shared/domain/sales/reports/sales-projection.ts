import type { DomainEvent } from '#domain/events';
import type { Deal } from '#domain/sales/deals/deal';
import type { Lead } from '#domain/sales/leads/lead';
import { eventSources } from '#domain/service-context';
import type { BucketDelta } from './bucket-delta';
import { dealDelta } from './forecast';
import { leadDelta } from './funnel';
import type { Projection, ProjectionBuckets, SalesAggregateWriter } from './sales-aggregates';

interface RecordChange<T> {
  readonly previous?: T;
  readonly next: T;
}

/**
 * The record an event is about, before and after it: only the record for
 * its creation event, both for any other; undefined when the event does
 * not carry what that needs.
 */
function changeOf<T>(
  event: DomainEvent,
  name: 'deal' | 'lead',
  createdType: string,
): RecordChange<T> | undefined {
  const next = event.data[name] as T | undefined;
  const previous = event.data.previous as T | undefined;
  if (next === undefined) return undefined;
  if (event.type === createdType) return { next };
  return previous === undefined ? undefined : { previous, next };
}

/**
 * Keeps the sales report aggregates from the sales module's events. A
 * `DealCreated` or `LeadCreated` event adds the new record; any other event
 * about a deal or a lead whose data carries the record before and after
 * (`{ deal, previous }`, `{ lead, previous }`) moves the aggregates by the
 * difference, whatever its type, so an event that changes neither figures
 * nor stage writes nothing. Everything else is ignored. Deliveries may come
 * twice or out of order: the store adds each event once, and differences
 * add up to the same totals in any order.
 */
export class SalesProjection {
  constructor(private readonly aggregates: SalesAggregateWriter) {}

  async apply(event: DomainEvent): Promise<void> {
    if (event.source !== eventSources.sales) return;
    if (event.subject.type === 'deal') {
      const change = changeOf<Deal>(event, 'deal', 'DealCreated');
      if (change) await this.add(event, 'forecast', dealDelta(change.previous, change.next));
    } else if (event.subject.type === 'lead') {
      const change = changeOf<Lead>(event, 'lead', 'LeadCreated');
      if (change) await this.add(event, 'funnel', leadDelta(change.previous, change.next));
    }
  }

  private async add<P extends Projection>(
    event: DomainEvent,
    projection: P,
    deltas: readonly BucketDelta<ProjectionBuckets[P]>[],
  ): Promise<void> {
    if (deltas.length > 0) await this.aggregates.apply(event.tenantId, projection, event.id, deltas);
  }
}
