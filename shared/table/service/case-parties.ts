import type { Contact } from '#domain/accounts/contact';
import { displayName } from '#domain/accounts/contact';
import type { CaseParties, TeamDirectory } from '#domain/service/case-store';
import type { ServiceReferences } from '#domain/service/service-settings-service';
import type { Setting, UserGroup } from '#domain/settings/setting';
import type { User } from '#domain/users/user';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoIdentificationStore } from '#table/accounts/identification-store';
import { batchGetItems } from '#table/core/batch';
import { getItem } from '#table/core/get-item';
import { stripLayout } from '#table/core/item-mapping';
import { queryAll } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import { settingEntity } from '#table/settings/entities';
import { userEntity } from '#table/users/entities';

/** The accounts, contacts and supply points cases link to, read from their own modules' items. */
export class DynamoCaseParties implements CaseParties {
  private readonly accounts: DynamoAccountStore;
  private readonly contacts: DynamoContactStore;
  private readonly supplyPoints: DynamoSupplyPointStore;
  private readonly identification: DynamoIdentificationStore;

  constructor(table: Table) {
    this.accounts = new DynamoAccountStore(table);
    this.contacts = new DynamoContactStore(table);
    this.supplyPoints = new DynamoSupplyPointStore(table);
    this.identification = new DynamoIdentificationStore(table);
  }

  async account(tenantId: string, accountId: string) {
    const account = await this.accounts.get(tenantId, accountId);
    return account && account.deletedAt === undefined
      ? { id: account.id, categoryIds: account.categoryIds }
      : undefined;
  }

  async contact(tenantId: string, contactId: string) {
    const contact = await this.contacts.get(tenantId, contactId);
    return contact && contact.deletedAt === undefined ? partyOf(contact) : undefined;
  }

  async supplyPoint(tenantId: string, supplyPointId: string) {
    const point = await this.supplyPoints.get(tenantId, supplyPointId);
    return point && point.deletedAt === undefined
      ? { id: point.id, accountId: point.accountId, territoryCode: point.territoryCode }
      : undefined;
  }

  async contactsByEmail(tenantId: string, email: string) {
    const found = await this.identification.identify(tenantId, 'email', email);
    return found.contacts.map(({ contact }) => ({
      id: contact.id,
      ...(contact.accountId ? { accountId: contact.accountId } : {}),
    }));
  }
}

const partyOf = (c: Contact) => ({
  id: c.id,
  name: displayName(c),
  ...(c.accountId ? { accountId: c.accountId } : {}),
  ...(c.email ? { email: c.email } : {}),
  ...(c.phones[0] ? { phone: c.phones[0] } : {}),
});

/** Teams are the tenant's user groups; their members are users of the users module. */
export class DynamoTeamDirectory implements TeamDirectory, ServiceReferences {
  constructor(private readonly table: Table) {}

  // The group's item read directly: the settings store's writes stay out of the functions that only read teams.
  async members(tenantId: string, groupId: string) {
    const item = await getItem(this.table, settingEntity.key({ tenantId, settingId: groupId }));
    const group = item && stripLayout<Setting>(item);
    return group?.kind === 'user-group' && group.deletedAt === undefined ? group.members : [];
  }

  async teamsOf(tenantId: string, userId: string) {
    return (await this.groups(tenantId)).filter((g) => g.members.includes(userId)).map((g) => g.id);
  }

  async groups(tenantId: string) {
    const items = await queryAll(
      this.table,
      settingEntity.patterns.ofKind.query({ tenantId, kind: 'user-group' }),
    );
    return items
      .map((i) => stripLayout<UserGroup>(i))
      .filter((g) => g.deletedAt === undefined)
      .map((g) => ({ id: g.id, members: g.members }));
  }

  async categoryIds(tenantId: string) {
    const items = await queryAll(
      this.table,
      settingEntity.patterns.ofKind.query({ tenantId, kind: 'category' }),
    );
    return new Set(
      items
        .map((i) => stripLayout<{ id: string; deletedAt?: string }>(i))
        .filter((c) => !c.deletedAt)
        .map((c) => c.id),
    );
  }

  async active(tenantId: string, userIds: readonly string[]) {
    const unique = [...new Set(userIds)];
    const found =
      unique.length > 0
        ? await batchGetItems(
            this.table,
            unique.map((userId) => userEntity.key({ tenantId, userId })),
          )
        : [];
    return new Map(
      found
        .map((i) => stripLayout<User>(i))
        .filter((u) => u.active)
        .map((u) => [u.id, { email: u.email, name: u.name }] as const),
    );
  }
}
