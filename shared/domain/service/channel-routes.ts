import type { SocialPlatform } from './service-settings';

/**
 * Which tenant a channel's address belongs to: the mailbox a mail was sent
 * to, a web form's key, a social page. Kept as routes beside the tenants'
 * data because the channel names no tenant; written with the service settings.
 */
export interface ChannelRoutes {
  tenantOfMailbox(address: string): Promise<string | undefined>;
  tenantOfForm(formKey: string): Promise<string | undefined>;
  tenantOfPage(platform: SocialPlatform, pageId: string): Promise<string | undefined>;
}

/** Inbound mail that could not become part of a case: kept with its reason, the raw message left in the bucket. */
export interface RejectedMail {
  readonly id: string;
  /** Absent when no tenant could be told from the recipients. */
  readonly tenantId?: string;
  readonly objectKey: string;
  readonly reason: string;
  readonly detail: string;
  readonly from?: string;
  readonly subject?: string;
  readonly at: string;
}

export interface RejectedMailStore {
  add(rejected: RejectedMail): Promise<void>;
  list(
    tenantId: string | undefined,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: RejectedMail[]; nextCursor?: string }>;
}
