import { energyServices } from '#runtime/energy-services';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { tableFromEnvironment } from '#table/core/table';

const { supplyPoints } = energyServices(tableFromEnvironment());
const billingFields = new Set(['name', 'email', 'addresses']);

/** Copies an account's billing data to its supply points when it changes (R-AC-7). */
export const handler = domainEventConsumer({
  serviceName: 'billing-sync',
  handles: ['AccountUpdated'],
  handle: async (event) => {
    if (!event.changes?.some((c) => billingFields.has(c.field))) return;
    await supplyPoints.syncBilling(event.tenantId, event.subject.id);
  },
});
