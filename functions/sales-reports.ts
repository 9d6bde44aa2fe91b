import { eventNamesOf } from '#domain/event-catalogue';
import { eventSources } from '#domain/service-context';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { salesReportServices } from '#runtime/sales-report-services';

const { projection } = salesReportServices({ table: environmentTable() });

/** Keeps the forecast and funnel aggregates from deal and lead events (R-SA-5, R-MK-1). */
export const handler = domainEventConsumer({
  serviceName: 'sales-reports',
  handles: eventNamesOf(eventSources.sales),
  handle: (event) => projection.apply(event),
});
