import { pickEvents } from '#domain/event-definition';
import { moveCustomersEventTypes } from '#domain/settings/move-customers';
import { settingsEvents } from '#domain/settings/settings-events';
import { environmentTable } from '#runtime/environment/table';
import { moveCustomersRunner } from '#runtime/move-customers-runner';
import { domainEventConsumer } from '#runtime/queue-consumer';

const moveCustomers = moveCustomersRunner({ table: environmentTable() });

/**
 * Runs move-customers jobs (R-ST-2), one bounded step per message: each step
 * goes on where the job is and ends by writing the next step's event.
 */
export const handler = domainEventConsumer({
  serviceName: 'settings-jobs',
  handles: pickEvents(settingsEvents, moveCustomersEventTypes),
  handle: async (event) => {
    await moveCustomers.handle(event);
  },
});
