import type { SupplyPointStore } from '#domain/energy/stores';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { revisionOf } from '#domain/system-writes';
import { type Change, commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { guardChange } from '#table/core/guards';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { supplyPointEntity } from './entities';

function toItem(s: SupplyPoint): Record<string, unknown> {
  const at = { tenantId: s.tenantId, supplyPointId: s.id };
  return supplyPointEntity.item(s, {
    key: at,
    // In its account's collection: the account view and "supply points of an account" read it there.
    gsi1: s.deletedAt === undefined ? { ...at, accountId: s.accountId } : undefined,
    gsi2: { ...at, identifier: s.identifier },
  });
}

const identifierClaim = (s: SupplyPoint | undefined) =>
  s && s.deletedAt === undefined ? s.identifier : undefined;

export class DynamoSupplyPointStore implements SupplyPointStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, supplyPointId: string): Promise<SupplyPoint | undefined> {
    return supplyPointEntity.get(this.table, { tenantId, supplyPointId }, 'eventual');
  }

  create(supplyPoint: SupplyPoint, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, { ...this.changeOf(undefined, supplyPoint, event), idempotency });
  }

  async update(previous: SupplyPoint, next: SupplyPoint, event: DomainEvent): Promise<void> {
    await commitChange(this.table, this.changeOf(previous, next, event));
  }

  /** The writes of one change, to commit alone or with others in one transaction (a lead conversion). */
  changeOf(
    previous: SupplyPoint | undefined,
    next: SupplyPoint,
    event: DomainEvent,
  ): Change & { readonly response: SupplyPoint } {
    const taken = 'another supply point of this tenant has this identifier';
    return {
      resource: 'supply point',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous?.version,
      expectedRevision: previous && revisionOf(previous),
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
      supplyPointEntity.patterns.ofAccount.query({ tenantId, accountId }),
      page,
    );
  }
}
