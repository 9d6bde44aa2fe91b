import { pendingAddressCheck } from '#domain/energy/address-check';
import type { SupplyPoint } from '#domain/energy/supply-point';
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
export const handler = domainEventConsumer('address-verifier', async (event) => {
  const supplyPoint = event.data.supplyPoint as SupplyPoint | undefined;
  const check = supplyPoint && pendingAddressCheck(supplyPoint);
  if (!check) return;
  const result = await geocoder.verify(check.query);
  await supplyPoints.recordVerification(event.tenantId, check.supplyPointId, check.fingerprint, result);
});
