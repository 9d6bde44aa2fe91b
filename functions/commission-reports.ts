import { commissionEvents } from '#domain/commissions/commission-events';
import { commissionProjection } from '#runtime/commissions-services';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';

const projection = commissionProjection({ table: environmentTable() });

/** Keeps the statements' aggregates from the commission events (R-CM-3). */
export const handler = domainEventConsumer({
  serviceName: 'commission-reports',
  handles: commissionEvents,
  handle: (event) => projection.apply(event),
});
