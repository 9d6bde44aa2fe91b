import { settingUsageDeltas } from '#domain/accounts/references';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { type Deal, dealMembers } from '#domain/sales/deals/deal';
import type { DealStore } from '#domain/sales/stores';
import type { SettingRef } from '#domain/settings/settings-lookup';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';
import { type Change, commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';
import { dealCopyEntity, dealEntity } from './entities';

/**
 * A deal in its own partition, in its account's collection (gsi1: the
 * account view reads it there, and a stage move between open and won or
 * lost moves it between `OPEN` and `CLOSED` in the same write) and in the
 * tenant's deal list (gsi2).
 */
function toItem(d: Deal): Record<string, unknown> {
  const at = { tenantId: d.tenantId, dealId: d.id };
  const status = d.stage.status === 'open' ? 'OPEN' : 'CLOSED';
  return dealEntity.item(d, { key: at, gsi1: { ...at, accountId: d.accountId, status }, gsi2: at });
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
  const copyOf = (userId: string) => ({ tenantId: next.tenantId, userId, dealId: next.id });
  return [
    ...removed.map((userId) => deleteItem(table, dealCopyEntity.key(copyOf(userId)))),
    ...[...members].map(
      (userId): TransactItem => ({
        Put: { TableName: table.name, Item: dealCopyEntity.item(next, { key: copyOf(userId) }) },
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
): Change & { readonly response: Deal } {
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

  get(tenantId: string, dealId: string): Promise<Deal | undefined> {
    return dealEntity.get(this.table, { tenantId, dealId });
  }

  create(deal: Deal, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, {
      ...dealChange(this.table, undefined, deal, event, this.settingUsage),
      idempotency,
    });
  }

  async update(previous: Deal, next: Deal, event: DomainEvent): Promise<void> {
    await commitChange(this.table, dealChange(this.table, previous, next, event, this.settingUsage));
  }

  /** Every deal of the tenant, newest first. */
  list(tenantId: string, page: PageRequest): Promise<Page<Deal>> {
    return queryPage<Deal>(this.table, dealEntity.patterns.all.query({ tenantId }), page);
  }

  /** The deals a user owns or takes part in, from their copies. */
  ofUser(tenantId: string, userId: string, page: PageRequest): Promise<Page<Deal>> {
    return queryPage<Deal>(this.table, dealCopyEntity.patterns.ofUser.query({ tenantId, userId }), page);
  }
}
