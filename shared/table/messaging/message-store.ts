import type { DomainEvent } from '#domain/events';
import type { Message } from '#domain/messaging/message';
import type { Claim, MessageStore } from '#domain/messaging/stores';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { idempotencyPut, replayOf } from '#table/core/idempotency';
import { queryPage } from '#table/core/query-page';
import { replaceVersioned } from '#table/core/replace-versioned';
import type { Table } from '#table/core/table';
import { putNew, type TransactItem, transactWrite } from '#table/core/transact';
import { messageEntity } from './entities';

const itemOf = (message: Message) =>
  messageEntity.item(message, {
    key: { tenantId: message.tenantId, contactId: message.contactId, messageId: message.id },
  });

/** What the idempotency record of a send keeps: where its message is. */
interface ClaimedMessage {
  readonly contactId: string;
  readonly messageId: string;
}

class KeyTaken extends Error {}

export class DynamoMessageStore implements MessageStore {
  constructor(private readonly table: Table) {}

  async recordSent(message: Message, event: DomainEvent): Promise<void> {
    await commitChange(this.table, { resource: 'message', id: message.id, item: itemOf(message), event });
  }

  async claim(message: Message, idempotency: IdempotencyToken): Promise<Claim> {
    const response: ClaimedMessage = { contactId: message.contactId, messageId: message.id };
    const items: TransactItem[] = [
      putNew(this.table, itemOf(message)),
      idempotencyPut(this.table, message.tenantId, idempotency, response, new Date(message.createdAt)),
    ];
    try {
      await transactWrite(this.table, items, (codes) =>
        codes[1] === 'ConditionalCheckFailed' ? new KeyTaken() : undefined,
      );
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
    }
    // Refuses the key of another request (422), or one whose first write is not visible yet (409).
    const earlier = await replayOf<ClaimedMessage>(this.table, message.tenantId, idempotency);
    const found = await messageEntity.get(this.table, {
      tenantId: message.tenantId,
      contactId: earlier.contactId,
      messageId: earlier.messageId,
    });
    if (!found) throw new Error(`message ${earlier.messageId} of an idempotency record is missing`);
    return { claimed: false, earlier: found };
  }

  async update(previous: Message, next: Message, event?: DomainEvent): Promise<void> {
    if (event) {
      await commitChange(this.table, {
        resource: 'message',
        id: next.id,
        item: itemOf(next),
        expectedVersion: previous.version,
        event,
      });
      return;
    }
    await replaceVersioned(this.table, itemOf(next), previous.version, { type: 'message', id: next.id });
  }

  /** Newest first: message ids are ULIDs, which sort by time. */
  list(tenantId: string, contactId: string, page: PageRequest): Promise<Page<Message>> {
    return queryPage<Message>(
      this.table,
      messageEntity.patterns.ofContact.query({ tenantId, contactId }),
      page,
    );
  }
}
