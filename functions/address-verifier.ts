import { pendingAddressCheck } from '#domain/energy/address-check';
import { addressVerificationEvents, energyEvents } from '#domain/energy/energy-events';
import { pickEvents } from '#domain/event-definition';
import { environmentGeocoder } from '#runtime/environment/geocoder';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { serviceDeps } from '#runtime/service-deps';
import { supplyPointService } from '#runtime/supply-point-wiring';

const table = environmentTable();
const supplyPoints = supplyPointService(table, serviceDeps(table));
const geocoder = environmentGeocoder();

/**
 * Verifies a supply point's address after it was created or moved (R-SP-3).
 * Geocoder outages throw, so the message is retried and, in the end, kept
 * in the dead-letter queue; an answer for an address that has changed since
 * is dropped.
 */
export const handler = domainEventConsumer({
  serviceName: 'address-verifier',
  handles: pickEvents(energyEvents, addressVerificationEvents),
  handle: async (event) => {
    const check = pendingAddressCheck(event.data.supplyPoint);
    if (!check) return;
    const result = await geocoder.verify(check.query);
    await supplyPoints.recordVerification(event.tenantId, check.supplyPointId, check.fingerprint, result);
  },
});
