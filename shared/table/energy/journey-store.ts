import type { CustomerJourney, JourneyStore } from '#domain/energy/journey-stores';
import { isFinal } from '#domain/energy/journeys';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { journeyEntity } from './entities';

/**
 * A journey in its own partition, and in its account's collection (gsi1)
 * under `JOURNEY#OPEN#<id>` or, once final, `JOURNEY#CLOSED#<id>`: a
 * finished journey leaves the open list by the same write that finishes it.
 */
function toItem(j: CustomerJourney): Record<string, unknown> {
  const at = { tenantId: j.tenantId, journeyId: j.id };
  return journeyEntity.item(j, {
    key: at,
    gsi1: { ...at, accountId: j.accountId, status: isFinal(j.state) ? 'CLOSED' : 'OPEN' },
  });
}

export class DynamoJourneyStore implements JourneyStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, journeyId: string): Promise<CustomerJourney | undefined> {
    return journeyEntity.get(this.table, { tenantId, journeyId }, 'eventual');
  }

  create(journey: CustomerJourney, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, {
      resource: 'journey',
      id: journey.id,
      item: toItem(journey),
      event,
      idempotency,
      response: journey,
    });
  }

  async update(previous: CustomerJourney, next: CustomerJourney, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'journey',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous.version,
      event,
    });
  }

  ofAccount(
    tenantId: string,
    accountId: string,
    openOnly: boolean,
    page: PageRequest,
  ): Promise<Page<CustomerJourney>> {
    const journeys = openOnly ? journeyEntity.patterns.openOfAccount : journeyEntity.patterns.ofAccount;
    return queryPage<CustomerJourney>(this.table, journeys.query({ tenantId, accountId }), page);
  }
}
