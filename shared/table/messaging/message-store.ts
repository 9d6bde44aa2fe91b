import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Message } from '#domain/messaging/message';
import type { Claim, MessageStore } from '#domain/messaging/stores';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { idempotencyPut, replayOf } from '#table/core/idempotency';
import { stripLayout } from '#table/core/item-mapping';
import { keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew, putVersioned, type TransactItem, transactWrite } from '#table/core/transact';
import { messagingKeys } from './messaging-keys';

const itemOf = (message: Message) => ({
  ...messagingKeys.message(message.tenantId, message.contactId, message.id),
  entity: 'Message',
  ...message,
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
    const found = await this.get(message.tenantId, earlier.contactId, earlier.messageId);
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
    await transactWrite(this.table, [putVersioned(this.table, itemOf(next), previous.version)], (codes) =>
      codes[0] === 'ConditionalCheckFailed' ? new VersionMismatchError('message', next.id) : undefined,
    );
  }

  private async get(tenantId: string, contactId: string, messageId: string): Promise<Message | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: messagingKeys.message(tenantId, contactId, messageId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<Message>(Item) : undefined;
  }

  /** Newest first: message ids are ULIDs, which sort by time. */
  list(tenantId: string, contactId: string, page: PageRequest): Promise<Page<Message>> {
    return queryPage<Message>(
      this.table,
      {
        partition: keys.contact(tenantId, contactId).pk,
        sortKeyPrefix: messagingKeys.messagePrefix,
        newestFirst: true,
      },
      page,
    );
  }
}
