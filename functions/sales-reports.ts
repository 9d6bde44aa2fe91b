import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { salesReportConsumer, salesReportQueueEvents } from '#runtime/sales-report-consumer';

const apply = salesReportConsumer({ table: environmentTable() });

/** Keeps the forecast and funnel aggregates from deal and lead events (R-SA-5), and the campaigns' funnel from sales and contract events (R-MK-1). */
export const handler = domainEventConsumer({
  serviceName: 'sales-reports',
  handles: salesReportQueueEvents,
  handle: apply,
});
