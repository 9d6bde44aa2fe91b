/**
 * How other modules check a reference to a tenant setting (an account's
 * industry, categories and status type; a contact's type). Implemented by the
 * settings store.
 */
export type SettingKind =
  | 'category'
  | 'industry'
  | 'status-type'
  | 'contact-type'
  | 'keyword'
  | 'deal-stage'
  | 'loss-reason'
  | 'deal-type'
  | 'user-group';

export interface SettingRef {
  readonly kind: SettingKind;
  readonly id: string;
}

export interface SettingsLookup {
  /** The ids among `refs` that do not name a live setting of the tenant (with a category's scope checked by the caller). */
  missing(tenantId: string, refs: readonly SettingRef[]): Promise<SettingRef[]>;
  /** A category's scope, for "may this category be put on an account/contact". */
  categoryScope(tenantId: string, categoryId: string): Promise<'account' | 'contact' | 'both' | undefined>;
}
