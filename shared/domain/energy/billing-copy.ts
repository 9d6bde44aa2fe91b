import type { Account } from '#domain/accounts/account';
import type { FieldChange } from '#domain/events';
import type { BillingCopy } from './supply-point';

/**
 * The account owns billing data (name, e-mail, billing address); a supply
 * point keeps a copy, refreshed whenever the account changes (R-AC-7).
 */
export function billingCopyOf(account: Account): BillingCopy {
  const billing =
    account.addresses.find((a) => a.kind === 'billing') ?? account.addresses.find((a) => a.kind === 'postal');
  return {
    accountName: account.name,
    ...(account.email ? { email: account.email } : {}),
    ...(billing
      ? {
          billingAddress: {
            street: billing.street,
            postcode: billing.postcode,
            city: billing.city,
            country: billing.country,
          },
        }
      : {}),
  };
}

/** The account fields `billingCopyOf` reads. */
const billingSourceFields: ReadonlySet<string> = new Set<keyof Account>(['name', 'email', 'addresses']);

/** Whether an account change reaches the billing copies of its supply points. */
export function changesBillingCopy(changes: readonly FieldChange[] | undefined): boolean {
  return changes?.some((change) => billingSourceFields.has(change.field)) ?? false;
}
