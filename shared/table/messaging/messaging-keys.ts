import type { ItemKey } from '#table/core/keys';
import { keys } from '#table/core/keys';

/**
 * Keys of the messaging module. Messages live in their contact's partition
 * (`T#<tenantId>#CONTACT#<contactId>`), sorted by a ULID, so a contact's
 * messages are one Query, newest first.
 */
export const messagingKeys = {
  messagePrefix: 'MESSAGE#',
  message: (tenantId: string, contactId: string, messageId: string): ItemKey => ({
    pk: keys.contact(tenantId, contactId).pk,
    sk: `MESSAGE#${messageId}`,
  }),
} as const;
