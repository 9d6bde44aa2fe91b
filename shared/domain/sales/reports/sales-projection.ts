import type { DomainEventOf, EventNameOf } from '#domain/event-catalogue';
import { isEventOf } from '#domain/event-narrowing';
import type { LeadChangeEvent } from '#domain/sales/leads/lead-events';
import type { eventSources } from '#domain/service-context';
import type { BucketDelta } from './bucket-delta';
import { dealDelta } from './forecast';
import { leadDelta } from './funnel';
import type { Projection, ProjectionBuckets, SalesAggregateWriter } from './sales-aggregates';

/** An event of the sales module: the reports' queue receives them all. */
export type SalesEvent = DomainEventOf<EventNameOf<typeof eventSources.sales>>;

/** The changes of a deal; each carries it before and after. */
const dealChanges = ['DealUpdated', 'DealStageChanged'] as const;

/** The changes of a lead; each carries it before and after. */
const leadChanges = [
  'LeadUpdated',
  'LeadStageChanged',
  'LeadEngagementRecorded',
  'LeadScored',
  'LeadRouted',
  'LeadConverted',
] as const satisfies readonly LeadChangeEvent[];

/**
 * Keeps the sales report aggregates from the sales module's events. A
 * `DealCreated` or `LeadCreated` event adds the new record; a change of a
 * deal or a lead (`{ deal, previous }`, `{ lead, previous }`) moves the
 * aggregates by the difference, so a change of neither figures nor stage
 * writes nothing. Other sales events (offers, lead sources, rules) are ignored.
 * Deliveries may come twice or out of order: the store adds each event once,
 * and differences add up to the same totals in any order.
 */
export class SalesProjection {
  constructor(private readonly aggregates: SalesAggregateWriter) {}

  async apply(event: SalesEvent): Promise<void> {
    if (event.type === 'DealCreated') {
      await this.add(event, 'forecast', dealDelta(undefined, event.data.deal));
    } else if (isEventOf(event, dealChanges)) {
      await this.add(event, 'forecast', dealDelta(event.data.previous, event.data.deal));
    } else if (event.type === 'LeadCreated') {
      await this.add(event, 'funnel', leadDelta(undefined, event.data.lead));
    } else if (isEventOf(event, leadChanges)) {
      await this.add(event, 'funnel', leadDelta(event.data.previous, event.data.lead));
    }
  }

  private async add<P extends Projection>(
    event: SalesEvent,
    projection: P,
    deltas: readonly BucketDelta<ProjectionBuckets[P]>[],
  ): Promise<void> {
    if (deltas.length > 0) await this.aggregates.apply(event.tenantId, projection, event.id, deltas);
  }
}
