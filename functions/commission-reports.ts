import { eventNamesOf } from '#domain/event-catalogue';
import { eventSources } from '#domain/service-context';
import { commissionProjection } from '#runtime/commissions-services';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';

const projection = commissionProjection({ table: environmentTable() });

/** Keeps the statements' aggregates from the commission events (R-CM-3). */
export const handler = domainEventConsumer({
  serviceName: 'commission-reports',
  handles: eventNamesOf(eventSources.commissions),
  handle: (event) => projection.apply(event),
});
