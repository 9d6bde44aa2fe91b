import { accountEvents } from '#domain/accounts/account-events';
import { changesBillingCopy } from '#domain/energy/billing-copy';
import { pickEvents } from '#domain/event-definition';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { serviceDeps } from '#runtime/service-deps';
import { supplyPointService } from '#runtime/supply-point-wiring';

const table = environmentTable();
const supplyPoints = supplyPointService(table, serviceDeps(table));

/** Copies an account's billing data to its supply points when it changes (R-AC-7). */
export const handler = domainEventConsumer({
  serviceName: 'billing-sync',
  handles: pickEvents(accountEvents, ['AccountUpdated']),
  handle: async (event) => {
    if (!changesBillingCopy(event.changes)) return;
    await supplyPoints.syncBilling(event.tenantId, event.subject.id);
  },
});
