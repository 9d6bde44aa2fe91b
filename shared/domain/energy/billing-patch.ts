import type { Account, AccountPatch, Address } from '#domain/accounts/account';

export interface BillingPatch {
  readonly email?: string | null;
  readonly billingAddress?: Omit<Address, 'kind'> | null;
}

/**
 * The account change that a billing edit made on a supply point stands for:
 * the e-mail is the account's, the billing address replaces (or removes) the
 * account's address of kind `billing`.
 */
export function accountPatchOfBilling(account: Account, patch: BillingPatch): AccountPatch {
  const out: { email?: string | null; addresses?: Address[] } = {};
  if (patch.email !== undefined) out.email = patch.email;
  if (patch.billingAddress !== undefined) {
    const others = account.addresses.filter((a) => a.kind !== 'billing');
    out.addresses =
      patch.billingAddress === null ? others : [...others, { kind: 'billing', ...patch.billingAddress }];
  }
  return out;
}
