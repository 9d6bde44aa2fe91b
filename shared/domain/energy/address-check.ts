import type { AddressQuery } from '#domain/geocoding/geocoder';
import { addressFingerprint, type SupplyPoint } from './supply-point';

/** What the geocoder is asked about a supply point, and which address its answer stands for. */
export interface AddressCheck {
  readonly supplyPointId: string;
  readonly query: AddressQuery;
  /** `addressFingerprint` of the address asked about: an answer for an address changed since is dropped. */
  readonly fingerprint: string;
}

/** The check a supply point's address waits for (R-SP-3); nothing when it is not pending verification. */
export function pendingAddressCheck(supplyPoint: SupplyPoint): AddressCheck | undefined {
  if (supplyPoint.addressVerification.status !== 'pending') return undefined;
  const { address } = supplyPoint;
  return {
    supplyPointId: supplyPoint.id,
    query: {
      street: address.street,
      houseNumber: address.houseNumber,
      postcode: address.postcode,
      city: address.city,
      country: address.country,
    },
    fingerprint: addressFingerprint(address),
  };
}
