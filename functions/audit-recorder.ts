import { historyOf } from '../shared/domain/audit';
import { domainEventConsumer } from '../shared/runtime/queue-consumer';
import { DynamoHistoryStore } from '../shared/table/history-store';
import { tableFromEnvironment } from '../shared/table/table';

const history = new DynamoHistoryStore(tableFromEnvironment());

/** Records every domain event in the history of what it changed; redeliveries change nothing. */
export const handler = domainEventConsumer('audit-recorder', async (event) => {
  const { entry, subjects } = historyOf(event);
  await history.record(event.tenantId, entry, subjects);
});
