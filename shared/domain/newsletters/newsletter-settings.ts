/**
 * A tenant's newsletter settings. `tracking` sends newsletters through the
 * configuration set that tracks opens and clicks (SES rewrites links and adds
 * a pixel), so it is off until the tenant turns it on.
 */
export interface NewsletterSettings {
  readonly tenantId: string;
  readonly tracking: boolean;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
  /** 0 until first saved. */
  readonly version: number;
}

export const defaultNewsletterSettings = (tenantId: string): NewsletterSettings => ({
  tenantId,
  tracking: false,
  version: 0,
});
