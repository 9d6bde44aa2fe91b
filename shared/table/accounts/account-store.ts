import { type Account, defaultCommunicationPreference } from '#domain/accounts/account';
import type { AccountCollection } from '#domain/accounts/account-view';
import { accountSettingRefs } from '#domain/accounts/references';
import type { AccountFilter, AccountStore } from '#domain/accounts/stores';
import type { Contract } from '#domain/contracts/contract';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { Page, PageRequest } from '#domain/ports';
import type { Deal } from '#domain/sales/deals/deal';
import type { Case } from '#domain/service/case';
import { openCaseOf } from '#domain/service/case-store';
import { contractEntity } from '#table/contracts/entities';
import { batchGetItems } from '#table/core/batch';
import { stripLayout } from '#table/core/item-mapping';
import { queryAll } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { supplyPointEntity } from '#table/energy/entities';
import { dealEntity } from '#table/sales/entities';
import { caseEntity } from '#table/service/entities';
import type { AccountsStoreOptions } from './accounts-commit';
import { categoryMemberPage } from './category-members';
import { contactFromItem } from './contact-store';
import { accountEntity, contactEntity } from './entities';
import { lookupSetOf } from './lookups';
import { AccountsRecordStore, type RecordLayout } from './record-store';

/** An account as stored; one stored before accounts had a communication preference reads as the default. */
export function accountFromItem(item: Record<string, unknown>): Account {
  const account = stripLayout<Account>(item);
  return account.communicationPreference
    ? account
    : { ...account, communicationPreference: defaultCommunicationPreference };
}

const accountLayout: RecordLayout<Account> = {
  resource: 'account',
  key: (tenantId, accountId) => accountEntity.key({ tenantId, accountId }),
  toItem: (a) => {
    const deleted = a.deletedAt !== undefined;
    const at = { tenantId: a.tenantId, accountId: a.id };
    return accountEntity.item(a, {
      key: at,
      // A deleted account leaves its collection and moves to the deleted list.
      gsi1: deleted ? undefined : at,
      gsi2: { ...at, deleted, name: a.name },
    });
  },
  fromItem: accountFromItem,
  unique: {
    field: 'orgNumber',
    kind: 'orgNumber',
    takenCode: 'org-number-taken',
    takenMessage: 'another account of this tenant has this organisation number',
    claim: (a) => (a.orgNumber ? `${a.country}:${a.orgNumber}` : undefined),
  },
  lookups: (a) => lookupSetOf({ tenantId: a.tenantId, subject: 'ACCOUNT', id: a.id, accountId: a.id }, a),
  membership: (a) => ({ tenantId: a.tenantId, kind: 'ACCOUNT', id: a.id, categoryIds: a.categoryIds }),
  settingRefs: accountSettingRefs,
  owner: (a) => a.ownerId,
};

export class DynamoAccountStore extends AccountsRecordStore<Account> implements AccountStore {
  constructor(table: Table, options: AccountsStoreOptions = {}) {
    super(table, options, accountLayout);
  }

  list(tenantId: string, filter: AccountFilter, page: PageRequest): Promise<Page<Account>> {
    return queryPage<Account>(
      this.table,
      {
        ...accountEntity.patterns.byName.query({ tenantId, name: filter.namePrefix }),
        equals: {
          customerType: filter.customerType,
          ownerId: filter.ownerId,
          statusTypeId: filter.statusTypeId,
        },
      },
      page,
      accountFromItem,
    );
  }

  /** One Query of the collection, every page of it; the journeys in it are not the view's. */
  async collection(tenantId: string, accountId: string): Promise<AccountCollection> {
    const items = await queryAll(
      this.table,
      accountEntity.patterns.collection.query({ tenantId, accountId }),
    );
    const account = items.find((i) => i.entity === accountEntity.stored);
    const of = (entity: { readonly stored: string }) => items.filter((i) => i.entity === entity.stored);
    return {
      account: account ? accountFromItem(account) : undefined,
      contacts: of(contactEntity).map(contactFromItem),
      supplyPoints: of(supplyPointEntity).map((i) => stripLayout<SupplyPoint>(i)),
      deals: of(dealEntity).map((i) => stripLayout<Deal>(i)),
      contracts: of(contractEntity).map((i) => stripLayout<Contract>(i)),
      openCases: of(caseEntity).map((i) => openCaseOf(stripLayout<Case>(i))),
    };
  }

  listDeleted(tenantId: string, page: PageRequest): Promise<Page<Account>> {
    return queryPage(
      this.table,
      accountEntity.patterns.deletedByName.query({ tenantId }),
      page,
      accountFromItem,
    );
  }

  /** A Query of the category's members, then one BatchGetItem of the accounts on the page. */
  async byCategory(tenantId: string, categoryId: string, page: PageRequest): Promise<Page<Account>> {
    const members = await categoryMemberPage(this.table, tenantId, categoryId, 'ACCOUNT', page);
    const found = await batchGetItems(
      this.table,
      members.items.map((m) => accountEntity.key({ tenantId, accountId: m.id })),
    );
    const byId = new Map(found.map((item) => [item.id as string, accountFromItem(item)]));
    return {
      items: members.items
        .map((m) => byId.get(m.id))
        .filter((a): a is Account => a !== undefined && a.deletedAt === undefined),
      nextCursor: members.nextCursor,
    };
  }
}
