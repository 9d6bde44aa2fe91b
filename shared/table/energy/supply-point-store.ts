import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SupplyPointStore } from '#domain/energy/stores';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { type Change, commitChange } from '#table/core/commit-change';
import { guardChange } from '#table/core/guards';
import { stripLayout } from '#table/core/item-mapping';
import { keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';

function toItem(s: SupplyPoint): Record<string, unknown> {
  const deleted = s.deletedAt !== undefined;
  return {
    ...keys.supplyPoint(s.tenantId, s.id),
    entity: 'SupplyPoint',
    // In its account's collection: the account view and "supply points of an account" read it there.
    ...(deleted
      ? {}
      : {
          gsi1pk: keys.accountCollection(s.tenantId, s.accountId),
          gsi1sk: keys.supplyPointInCollection(s.id),
        }),
    gsi2pk: keys.supplyPointList(s.tenantId),
    gsi2sk: `${s.identifier}#${s.id}`,
    ...s,
  };
}

const identifierClaim = (s: SupplyPoint | undefined) =>
  s && s.deletedAt === undefined ? s.identifier : undefined;

export class DynamoSupplyPointStore implements SupplyPointStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, supplyPointId: string): Promise<SupplyPoint | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.name, Key: keys.supplyPoint(tenantId, supplyPointId) }),
    );
    return Item ? stripLayout<SupplyPoint>(Item) : undefined;
  }

  async create(supplyPoint: SupplyPoint, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await this.write(undefined, supplyPoint, event, idempotency);
    return replayed
      ? { value: replayed as SupplyPoint, replayed: true }
      : { value: supplyPoint, replayed: false };
  }

  async update(previous: SupplyPoint, next: SupplyPoint, event: DomainEvent): Promise<void> {
    await this.write(previous, next, event);
  }

  private write(
    previous: SupplyPoint | undefined,
    next: SupplyPoint,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ) {
    return commitChange(this.table, { ...this.changeOf(previous, next, event), idempotency, response: next });
  }

  /** The writes of one change, to commit alone or with others in one transaction (a lead conversion). */
  changeOf(previous: SupplyPoint | undefined, next: SupplyPoint, event: DomainEvent): Change {
    const taken = 'another supply point of this tenant has this identifier';
    return {
      resource: 'supply point',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous?.version,
      guards: [
        {
          field: 'identifier',
          change: guardChange(
            this.table,
            next.tenantId,
            'supplyPointId',
            next.id,
            identifierClaim(previous),
            identifierClaim(next),
          ),
          takenCode: 'supply-point-id-taken',
          takenMessage: taken,
        },
      ],
      event,
      response: next,
    };
  }

  ofAccount(tenantId: string, accountId: string, page: PageRequest): Promise<Page<SupplyPoint>> {
    return queryPage<SupplyPoint>(
      this.table,
      {
        index: 'gsi1',
        partition: keys.accountCollection(tenantId, accountId),
        sortKeyPrefix: keys.supplyPointPrefix,
      },
      page,
    );
  }
}
