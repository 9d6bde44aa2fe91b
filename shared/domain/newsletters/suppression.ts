/**
 * An address the tenant no longer mails (R-NL-3): SES reported a permanent
 * bounce or a complaint. Kept per tenant, by normalised address.
 */
export interface Suppression {
  readonly tenantId: string;
  readonly email: string;
  readonly reason: 'bounce' | 'complaint';
  /** SES's words: the bounce's sub-type and diagnostic, or the complaint's feedback type. */
  readonly detail: string;
  readonly at: string;
  readonly newsletterId?: string;
  readonly contactId?: string;
}
