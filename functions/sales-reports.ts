import { domainEventConsumer } from '#runtime/queue-consumer';
import { salesReportServices } from '#runtime/sales-report-services';
import { tableFromEnvironment } from '#table/core/table';

const { projection } = salesReportServices(tableFromEnvironment());

/** Keeps the forecast and funnel aggregates from deal and lead events (R-SA-5, R-MK-1). */
export const handler = domainEventConsumer('sales-reports', (event) => projection.apply(event));
