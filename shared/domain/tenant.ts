import type { CountryCode } from 'libphonenumber-js';

/** A tenant is one utility company; its profile sets national defaults. */
export interface TenantProfile {
  readonly id: string;
  readonly name: string;
  /** Reads national phone numbers and is the default country of new accounts. */
  readonly country: CountryCode;
  readonly currency: string;
  readonly timeZone: string;
}

export interface TenantDirectory {
  profile(tenantId: string): Promise<TenantProfile>;
}
