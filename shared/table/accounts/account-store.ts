import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import { accountSettingRefs, settingUsageDeltas } from '#domain/accounts/references';
import type { AccountFilter, AccountStore } from '#domain/accounts/stores';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Change } from '#table/core/commit-change';
import { guardChange } from '#table/core/guards';
import { stripLayout } from '#table/core/item-mapping';
import { foldForSort, keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { type AccountsStoreOptions, commitWithExtras } from './accounts-commit';
import {
  batchGetItems,
  type CategoryMembership,
  categoryMemberPage,
  membershipChanges,
} from './category-members';
import { contactFromItem } from './contact-store';
import { type LookupEntry, lookupChanges } from './lookups';

function toItem(a: Account): Record<string, unknown> {
  const deleted = a.deletedAt !== undefined;
  return {
    ...keys.account(a.tenantId, a.id),
    entity: 'Account',
    // A deleted account leaves its collection and moves to the deleted list.
    ...(deleted
      ? {}
      : { gsi1pk: keys.accountCollection(a.tenantId, a.id), gsi1sk: keys.collectionSk.account }),
    gsi2pk: keys.accountList(a.tenantId, deleted),
    gsi2sk: `${foldForSort(a.name)}#${a.id}`,
    ...a,
  };
}

const orgNumberClaim = (a: Account | undefined) =>
  a?.orgNumber && a.deletedAt === undefined ? `${a.country}:${a.orgNumber}` : undefined;

function lookupsOf(a: Account | undefined) {
  if (!a || a.deletedAt !== undefined) return undefined;
  const entries: LookupEntry[] = a.phones.map((value) => ({ kind: 'phone', value }));
  if (a.email) entries.push({ kind: 'email', value: a.email });
  return { owner: { tenantId: a.tenantId, subject: 'ACCOUNT' as const, id: a.id, accountId: a.id }, entries };
}

/** A live account is a member of its categories; a deleted one of none until it is restored. */
function membershipOf(a: Account | undefined): CategoryMembership | undefined {
  if (!a || a.deletedAt !== undefined) return undefined;
  return { tenantId: a.tenantId, kind: 'ACCOUNT', id: a.id, categoryIds: a.categoryIds };
}

export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly table: Table,
    private readonly options: AccountsStoreOptions = {},
  ) {}

  async get(tenantId: string, accountId: string): Promise<Account | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keys.account(tenantId, accountId),
        // Read before conditional writes: a stale copy would give a false 412 or 404.
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<Account>(Item) : undefined;
  }

  async create(account: Account, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await this.write(undefined, account, event, idempotency);
    return replayed ? { value: replayed as Account, replayed: true } : { value: account, replayed: false };
  }

  async update(previous: Account, next: Account, event: DomainEvent): Promise<void> {
    await this.write(previous, next, event);
  }

  private write(
    previous: Account | undefined,
    next: Account,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ) {
    return commitWithExtras(
      this.table,
      { ...this.changeOf(previous, next, event), idempotency },
      'categoryIds',
    );
  }

  /** The writes of one change, to commit alone or with others in one transaction (a lead conversion). */
  changeOf(
    previous: Account | undefined,
    next: Account,
    event: DomainEvent,
  ): Change & { extra: TransactItem[] } {
    const taken = 'another account of this tenant has this organisation number';
    const usage = settingUsageDeltas(accountSettingRefs(previous), accountSettingRefs(next));
    const extra = [
      ...membershipChanges(this.table, membershipOf(previous), membershipOf(next)),
      ...(this.options.settingUsage && usage.length > 0
        ? this.options.settingUsage(next.tenantId, 'account', usage)
        : []),
    ];
    return {
      resource: 'account',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous?.version,
      guards: [
        {
          field: 'orgNumber',
          change: guardChange(
            this.table,
            next.tenantId,
            'orgNumber',
            next.id,
            orgNumberClaim(previous),
            orgNumberClaim(next),
          ),
          takenCode: 'org-number-taken',
          takenMessage: taken,
        },
      ],
      lookups: lookupChanges(this.table, lookupsOf(previous), lookupsOf(next)),
      extra,
      event,
      response: next,
    };
  }

  list(tenantId: string, filter: AccountFilter, page: PageRequest): Promise<Page<Account>> {
    return queryPage<Account>(
      this.table,
      {
        index: 'gsi2',
        partition: keys.accountList(tenantId),
        sortKeyPrefix: filter.namePrefix ? foldForSort(filter.namePrefix) : undefined,
        equals: {
          customerType: filter.customerType,
          ownerId: filter.ownerId,
          statusTypeId: filter.statusTypeId,
        },
      },
      page,
    );
  }

  async collection(tenantId: string, accountId: string): Promise<{ account?: Account; contacts: Contact[] }> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.name,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.accountCollection(tenantId, accountId) },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    const account = items.find((i) => i.entity === 'Account');
    return {
      account: account ? stripLayout<Account>(account) : undefined,
      contacts: items.filter((i) => i.entity === 'Contact').map(contactFromItem),
    };
  }

  listDeleted(tenantId: string, page: PageRequest): Promise<Page<Account>> {
    return queryPage<Account>(
      this.table,
      { index: 'gsi2', partition: keys.accountList(tenantId, true) },
      page,
    );
  }

  /** A Query of the category's members, then one BatchGetItem of the accounts on the page. */
  async byCategory(tenantId: string, categoryId: string, page: PageRequest): Promise<Page<Account>> {
    const members = await categoryMemberPage(this.table, tenantId, categoryId, 'ACCOUNT', page);
    const found = await batchGetItems(
      this.table,
      members.items.map((m) => keys.account(tenantId, m.id)),
    );
    const byId = new Map(found.map((item) => [item.id as string, stripLayout<Account>(item)]));
    return {
      items: members.items
        .map((m) => byId.get(m.id))
        .filter((a): a is Account => a !== undefined && a.deletedAt === undefined),
      nextCursor: members.nextCursor,
    };
  }
}
