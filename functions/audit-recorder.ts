import { historyOf } from '#domain/audit';
import { eventCatalogue } from '#domain/event-catalogue';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { DynamoHistoryStore } from '#table/core/history-store';
import { tableFromEnvironment } from '#table/core/table';

const history = new DynamoHistoryStore(tableFromEnvironment());

/** Records every domain event in the history of what it changed; redeliveries change nothing. */
export const handler = domainEventConsumer({
  serviceName: 'audit-recorder',
  handles: eventCatalogue,
  handle: async (event) => {
    const { entry, subjects } = historyOf(event);
    await history.record(event.tenantId, entry, subjects);
  },
});
