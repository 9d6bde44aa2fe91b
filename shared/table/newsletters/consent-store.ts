import type { Contact } from '#domain/accounts/contact';
import type { DomainEvent } from '#domain/events';
import type { ConsentChange } from '#domain/newsletters/consent-change';
import type { ConsentStore } from '#domain/newsletters/stores';
import type { Page, PageRequest } from '#domain/ports';
import type { DynamoContactStore } from '#table/accounts/contact-store';
import { commitChange } from '#table/core/commit-change';
import { outboxPut } from '#table/core/outbox';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew } from '#table/core/transact';
import { consentChangeItem } from './consent-items';
import { consentChangeEntity } from './entities';

/** Contacts' consent history beside each contact; a withdrawal is written with the contact's change. */
export class DynamoConsentStore implements ConsentStore {
  constructor(
    private readonly table: Table,
    private readonly contacts: DynamoContactStore,
  ) {}

  async withdraw(
    previous: Contact,
    next: Contact,
    change: ConsentChange,
    events: readonly DomainEvent[],
  ): Promise<void> {
    const [contactEvent, ...others] = events;
    if (!contactEvent) throw new Error('a consent withdrawal needs the contact’s event');
    const base = this.contacts.changeOf(previous, next, contactEvent);
    await commitChange(this.table, {
      ...base,
      extra: [
        ...base.extra,
        putNew(this.table, consentChangeItem(next.tenantId, change, contactEvent.id)),
        ...others.map((event) => outboxPut(this.table, event)),
      ],
    });
  }

  history(tenantId: string, contactId: string, page: PageRequest): Promise<Page<ConsentChange>> {
    return queryPage<ConsentChange>(
      this.table,
      consentChangeEntity.patterns.ofContact.query({ tenantId, contactId }),
      page,
    );
  }
}
