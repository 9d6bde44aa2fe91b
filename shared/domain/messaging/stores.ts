import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Message } from './message';

/** An Idempotency-Key is either claimed now or names the message of an earlier request. */
export type Claim = { readonly claimed: true } | { readonly claimed: false; readonly earlier: Message };

/** Messages in their contact's partition. Every write that says "sent" stores its event with it. */
export interface MessageStore {
  /** A sent message and its event, in one write (a request without Idempotency-Key). */
  recordSent(message: Message, event: DomainEvent): Promise<void>;
  /**
   * Writes the `sending` message and the idempotency record in one write.
   * The key of an earlier request answers its message; with another request
   * (body, path or user) it is refused (422).
   */
  claim(message: Message, idempotency: IdempotencyToken): Promise<Claim>;
  /** Replaces `previous`, conditional on its version, with its event when there is one. */
  update(previous: Message, next: Message, event?: DomainEvent): Promise<void>;
  list(tenantId: string, contactId: string, page: PageRequest): Promise<Page<Message>>;
}
