import { accountEvents } from '#domain/accounts/account-events';
import { pickEvents } from '#domain/event-definition';
import { environmentTable } from '#runtime/environment/table';
import { mergeFollowUpServices } from '#runtime/merge-follow-up-services';
import { domainEventConsumer } from '#runtime/queue-consumer';

const { contacts } = mergeFollowUpServices({ table: environmentTable() });

/** Moves what belonged to a merged record to its survivor, in idempotent batches (ADR 0032). */
export const handler = domainEventConsumer({
  serviceName: 'merge-follow-up',
  handles: pickEvents(accountEvents, ['ContactsMerged']),
  handle: (event) => contacts.apply(event),
});
