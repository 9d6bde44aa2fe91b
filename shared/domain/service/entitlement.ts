import type { Stamps } from '#domain/stamps';

/**
 * A support level an account bought, alone or with one of its contracts
 * (R-CS-3), valid from a day to an optional last day in the tenant's zone.
 * While valid it decides the level of the account's new cases.
 */
export interface Entitlement extends Stamps {
  readonly accountId: string;
  readonly contractId?: string;
  readonly supportLevelId: string;
  readonly validFrom: string;
  readonly validTo?: string;
}

/** The entitlement valid on `day` (YYYY-MM-DD); the one starting latest wins when several are. */
export function entitlementOn(entitlements: readonly Entitlement[], day: string): Entitlement | undefined {
  return entitlements
    .filter(
      (e) => e.deletedAt === undefined && e.validFrom <= day && (e.validTo === undefined || day <= e.validTo),
    )
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.id.localeCompare(a.id))[0];
}
