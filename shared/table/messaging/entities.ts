import type { Message } from '#domain/messaging/message';
import { contactPartition } from '#table/accounts/entities';
import { defineEntity } from '#table/core/entity';
import { ulid } from '#table/core/facets';
import { key } from '#table/core/key-template';

export const messageEntity = /* @__PURE__ */ defineEntity<Message>()(() => ({
  name: 'Message',
  description: 'An e-mail or SMS to a contact, in the contact’s partition; message ids are ULIDs.',
  key: { pk: contactPartition, sk: key`MESSAGE#${ulid('messageId')}` },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'Put with the send’s idempotency record; consistent GetItem of a replayed send; versioned Put',
    },
    ofContact: { index: 'table', sortKey: 'beginsWith', order: 'descending', operation: 'Query' },
  },
}));
