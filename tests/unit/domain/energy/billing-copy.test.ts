import { describe, expect, it } from 'vitest';
import { type AccountPatch, createAccount, updateAccount } from '#domain/accounts/account';
import { billingCopyOf, changesBillingCopy } from '#domain/energy/billing-copy';
import { swedishChange } from '../../../support/change-context';

const ctx = swedishChange();

const postal = {
  kind: 'postal',
  street: 'Box 12',
  postcode: '111 11',
  city: 'Stockholm',
  country: 'SE',
} as const;
const billing = {
  kind: 'billing',
  street: 'Fakturagatan 1',
  postcode: '222 22',
  city: 'Lund',
  country: 'SE',
} as const;

const account = createAccount(
  'account-1',
  { name: 'Sen AB', customerType: 'B2B', email: 'a@sen.example', addresses: [postal] },
  ctx,
);

describe('billingCopyOf', () => {
  it('copies the name, the e-mail and the postal address while the account has no billing address', () => {
    // Act
    const copy = billingCopyOf(account);

    // Assess
    expect(copy).toEqual({
      accountName: 'Sen AB',
      email: 'a@sen.example',
      billingAddress: { street: 'Box 12', postcode: '111 11', city: 'Stockholm', country: 'SE' },
    });
  });

  it('prefers the billing address to the postal one', () => {
    // Act
    const copy = billingCopyOf({ ...account, addresses: [postal, billing] });

    // Assess
    expect(copy.billingAddress).toEqual({
      street: 'Fakturagatan 1',
      postcode: '222 22',
      city: 'Lund',
      country: 'SE',
    });
  });
});

describe('changesBillingCopy', () => {
  it.each<[string, AccountPatch]>([
    ['the name', { name: 'Sen Energi AB' }],
    ['the e-mail', { email: 'b@sen.example' }],
    ['the addresses', { addresses: [postal, billing] }],
  ])('is true when %s changes, and the copy changes with it', (_, patch) => {
    // Act
    const { account: changed, changes } = updateAccount(account, patch, ctx);

    // Assess
    expect(changesBillingCopy(changes)).toBe(true);
    expect(billingCopyOf(changed)).not.toEqual(billingCopyOf(account));
  });

  it.each<[string, AccountPatch]>([
    ['the phones', { phones: ['+46701234567'] }],
    ['the website', { website: 'https://sen.example' }],
    ['the owner', { ownerId: 'user-2' }],
  ])('is false when only %s changes, which leaves the copy as it is', (_, patch) => {
    // Act
    const { account: changed, changes } = updateAccount(account, patch, ctx);

    // Assess
    expect(changes).not.toEqual([]);
    expect(changesBillingCopy(changes)).toBe(false);
    expect(billingCopyOf(changed)).toEqual(billingCopyOf(account));
  });

  it('is false for an event without changes', () => {
    expect(changesBillingCopy(undefined)).toBe(false);
  });
});
