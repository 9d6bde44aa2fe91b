import type { CountryCode } from 'libphonenumber-js';

/** A tenant is one utility company; its profile sets national defaults. */
export interface TenantProfile {
  readonly id: string;
  readonly name: string;
  /** Reads national phone numbers and is the default country of new accounts. */
  readonly country: CountryCode;
  readonly currency: string;
  readonly timeZone: string;
  /**
   * Who e-mail to contacts comes from (R-CM-E1): the address must be a
   * verified SES identity; the name may hold any characters.
   */
  readonly emailSender?: { readonly name: string; readonly address: string };
  /** The SMS origination identity: a sender id, a phone number or a pool (End User Messaging). */
  readonly smsSender?: string;
}

export interface TenantDirectory {
  profile(tenantId: string): Promise<TenantProfile>;
}
