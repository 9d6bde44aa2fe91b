import { accountEvents } from '#domain/accounts/account-events';
import { pickEvents } from '#domain/event-definition';
import { registerLookupEvents } from '#domain/registers/register-lookup-service';
import { environmentCompanyRegister } from '#runtime/environment/company-register';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { registerLookupService } from '#runtime/register-services';

const lookups = registerLookupService(environmentTable(), environmentCompanyRegister());

/**
 * Looks new accounts and changed organisation numbers up in the company
 * register and stores the answer beside the account (R-AC-11). A register
 * that throttles, times out or fails throws, so the message comes back
 * after the queue's visibility timeout; what never succeeds, and an answer
 * that cannot be read, ends in the dead-letter queue.
 */
export const handler = domainEventConsumer({
  serviceName: 'register-lookups',
  handles: pickEvents(accountEvents, registerLookupEvents),
  handle: async (event) => {
    await lookups.handle(event);
  },
});
