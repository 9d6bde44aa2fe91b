import { domainEventConsumer } from '../shared/runtime/queue-consumer';
import { salesReportServices } from '../shared/runtime/sales-report-services';
import { tableFromEnvironment } from '../shared/table/table';

const { projection } = salesReportServices(tableFromEnvironment());

/** Keeps the forecast and funnel aggregates from deal and lead events (R-SA-5, R-MK-1). */
export const handler = domainEventConsumer('sales-reports', (event) => projection.apply(event));
