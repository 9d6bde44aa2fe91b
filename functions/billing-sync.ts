import { changesBillingCopy } from '#domain/energy/billing-copy';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { serviceDeps } from '#runtime/service-deps';
import { supplyPointService } from '#runtime/supply-point-wiring';

const table = environmentTable();
const supplyPoints = supplyPointService(table, serviceDeps(table));

/** Copies an account's billing data to its supply points when it changes (R-AC-7). */
export const handler = domainEventConsumer({
  serviceName: 'billing-sync',
  handles: ['AccountUpdated'],
  handle: async (event) => {
    if (!changesBillingCopy(event.changes)) return;
    await supplyPoints.syncBilling(event.tenantId, event.subject.id);
  },
});
