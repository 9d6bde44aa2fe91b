import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { settingUsageDeltas } from '#domain/accounts/references';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { type Deal, dealMembers } from '#domain/sales/deals/deal';
import type { DealStore } from '#domain/sales/stores';
import type { SettingRef } from '#domain/settings/settings-lookup';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';
import { type Change, commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';
import { salesKeys } from './sales-keys';

/** A deal in its own partition and in the tenant's deal list (gsi2). */
function toItem(d: Deal): Record<string, unknown> {
  return {
    ...salesKeys.deal(d.tenantId, d.id),
    entity: 'Deal',
    gsi2pk: salesKeys.dealList(d.tenantId),
    gsi2sk: d.id,
    ...d,
  };
}

/** The settings a deal uses, for their usage counters. */
export function dealSettingRefs(deal: Deal | undefined): SettingRef[] {
  if (!deal) return [];
  const refs: SettingRef[] = [{ kind: 'deal-stage', id: deal.stage.id }];
  if (deal.typeId) refs.push({ kind: 'deal-type', id: deal.typeId });
  if (deal.lossReasonId) refs.push({ kind: 'loss-reason', id: deal.lossReasonId });
  return refs;
}

/**
 * The copies of a deal under each member's "my deals" partition: removed
 * members' copies deleted, current ones rewritten with the new snapshot.
 */
function memberCopies(table: Table, previous: Deal | undefined, next: Deal): TransactItem[] {
  const members = new Set(dealMembers(next));
  const removed = previous ? dealMembers(previous).filter((userId) => !members.has(userId)) : [];
  return [
    ...removed.map((userId) => deleteItem(table, salesKeys.dealOfUser(next.tenantId, userId, next.id))),
    ...[...members].map(
      (userId): TransactItem => ({
        Put: {
          TableName: table.name,
          Item: { ...salesKeys.dealOfUser(next.tenantId, userId, next.id), entity: 'DealCopy', ...next },
        },
      }),
    ),
  ];
}

/**
 * The writes of one deal change, to commit alone or with other changes (a
 * conversion, an accepted offer): the deal, its members' copies, the usage
 * counts of the settings it refers to and its event.
 */
export function dealChange(
  table: Table,
  previous: Deal | undefined,
  next: Deal,
  event: DomainEvent,
  settingUsage?: SettingUsageItems,
): Change {
  const usage = settingUsageDeltas(dealSettingRefs(previous), dealSettingRefs(next));
  return {
    resource: 'deal',
    id: next.id,
    item: toItem(next),
    expectedVersion: previous?.version,
    extra: [
      ...memberCopies(table, previous, next),
      ...(settingUsage && usage.length > 0 ? settingUsage(next.tenantId, 'deal', usage) : []),
    ],
    event,
    response: next,
  };
}

export class DynamoDealStore implements DealStore {
  constructor(
    private readonly table: Table,
    private readonly settingUsage?: SettingUsageItems,
  ) {}

  async get(tenantId: string, dealId: string): Promise<Deal | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: salesKeys.deal(tenantId, dealId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<Deal>(Item) : undefined;
  }

  async create(deal: Deal, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await commitChange(this.table, {
      ...dealChange(this.table, undefined, deal, event, this.settingUsage),
      idempotency,
    });
    return replayed ? { value: replayed as Deal, replayed: true } : { value: deal, replayed: false };
  }

  async update(previous: Deal, next: Deal, event: DomainEvent): Promise<void> {
    await commitChange(this.table, dealChange(this.table, previous, next, event, this.settingUsage));
  }

  /** Every deal of the tenant, newest first. */
  list(tenantId: string, page: PageRequest): Promise<Page<Deal>> {
    return queryPage<Deal>(
      this.table,
      { index: 'gsi2', partition: salesKeys.dealList(tenantId), newestFirst: true },
      page,
    );
  }

  /** The deals a user owns or takes part in, from their copies. */
  ofUser(tenantId: string, userId: string, page: PageRequest): Promise<Page<Deal>> {
    return queryPage<Deal>(
      this.table,
      { partition: salesKeys.dealsOfUser(tenantId, userId), newestFirst: true },
      page,
    );
  }
}
