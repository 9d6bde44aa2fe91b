import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerJourney, JourneyStore } from '#domain/energy/journey-stores';
import { isFinal } from '#domain/energy/journeys';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';

/** Every journey's gsi1 sort key begins so; open ones with `JOURNEY#OPEN#`. */
const journeyPrefix = 'JOURNEY#';
const openJourneyPrefix = keys.journeyInCollection(true, '');

/**
 * A journey in its own partition, and in its account's collection (gsi1)
 * under `JOURNEY#OPEN#<id>` or, once final, `JOURNEY#CLOSED#<id>`: a
 * finished journey leaves the open list by the same write that finishes it.
 */
function toItem(j: CustomerJourney): Record<string, unknown> {
  return {
    ...keys.journey(j.tenantId, j.id),
    entity: 'Journey',
    gsi1pk: keys.accountCollection(j.tenantId, j.accountId),
    gsi1sk: keys.journeyInCollection(!isFinal(j.state), j.id),
    ...j,
  };
}

export class DynamoJourneyStore implements JourneyStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, journeyId: string): Promise<CustomerJourney | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.name, Key: keys.journey(tenantId, journeyId) }),
    );
    return Item ? stripLayout<CustomerJourney>(Item) : undefined;
  }

  async create(journey: CustomerJourney, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await this.write(undefined, journey, event, idempotency);
    return replayed
      ? { value: replayed as CustomerJourney, replayed: true }
      : { value: journey, replayed: false };
  }

  async update(previous: CustomerJourney, next: CustomerJourney, event: DomainEvent): Promise<void> {
    await this.write(previous, next, event);
  }

  private write(
    previous: CustomerJourney | undefined,
    next: CustomerJourney,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ) {
    return commitChange(this.table, {
      resource: 'journey',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous?.version,
      event,
      idempotency,
      response: next,
    });
  }

  ofAccount(
    tenantId: string,
    accountId: string,
    openOnly: boolean,
    page: PageRequest,
  ): Promise<Page<CustomerJourney>> {
    // Newest first; with all journeys, `OPEN` sorts after `CLOSED`, so descending lists the open first.
    return queryPage<CustomerJourney>(
      this.table,
      {
        index: 'gsi1',
        partition: keys.accountCollection(tenantId, accountId),
        sortKeyPrefix: openOnly ? openJourneyPrefix : journeyPrefix,
        newestFirst: true,
      },
      page,
    );
  }
}
