import { describe, expect, it } from 'vitest';
import { pendingAddressCheck } from '#domain/energy/address-check';
import { addressFingerprint, createSupplyPoint, type SupplyPoint } from '#domain/energy/supply-point';
import { swedishChange } from '../../../support/change-context';

const ctx = swedishChange();

const address = {
  street: 'Storgatan',
  houseNumber: '1',
  postcode: '111 11',
  city: 'Stockholm',
  country: 'SE',
};

const supplyPoint: SupplyPoint = {
  ...createSupplyPoint(
    'sp-1',
    {
      identifier: '735999100000123450',
      commodity: 'electricity',
      country: 'SE',
      accountId: 'account-1',
      territoryCode: 'ELLEVIO',
      customerType: 'B2B',
      address,
    },
    { accountName: 'Sen AB' },
    ctx,
  ),
  derived: {},
};

describe('pendingAddressCheck', () => {
  it('asks about the address of a new supply point, and names that address', () => {
    // Act
    const check = pendingAddressCheck(supplyPoint);

    // Assess
    expect(check).toEqual({
      supplyPointId: 'sp-1',
      query: address,
      fingerprint: addressFingerprint(address),
    });
  });

  it('asks nothing once the address has been checked', () => {
    // Prepare
    const checked: SupplyPoint = {
      ...supplyPoint,
      addressVerification: { status: 'not-found', checkedAt: '2025-03-01T10:05:00.000Z' },
    };

    // Act
    const check = pendingAddressCheck(checked);

    // Assess
    expect(check).toBeUndefined();
  });
});
