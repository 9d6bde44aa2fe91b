import { addressVerificationEvents } from '#domain/energy/energy-events';
import { addressFingerprint } from '#domain/energy/supply-point';
import { energyServices } from '#runtime/energy-services';
import { geocoderFromEnvironment } from '#runtime/geocoder-from-environment';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { tableFromEnvironment } from '#table/core/table';

const { supplyPoints } = energyServices(tableFromEnvironment());
const geocoder = geocoderFromEnvironment();

/**
 * Verifies a supply point's address after it was created or moved (R-SP-3).
 * Geocoder outages throw, so the message is retried and, in the end, kept
 * in the dead-letter queue; an answer for an address that has changed since
 * is dropped.
 */
export const handler = domainEventConsumer({
  serviceName: 'address-verifier',
  handles: addressVerificationEvents,
  handle: async (event) => {
    const { supplyPoint } = event.data;
    if (supplyPoint.addressVerification.status !== 'pending') return;
    const { address } = supplyPoint;
    const result = await geocoder.verify({
      street: address.street,
      houseNumber: address.houseNumber,
      postcode: address.postcode,
      city: address.city,
      country: address.country,
    });
    await supplyPoints.recordVerification(
      event.tenantId,
      supplyPoint.id,
      addressFingerprint(address),
      result,
    );
  },
});
