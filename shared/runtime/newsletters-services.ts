import { newsletterHtmlSanitiser } from '#adapters/html/newsletter-html-sanitiser';
import type { Mailer } from '#domain/messaging/mailer';
import { ConsentWithdrawal } from '#domain/newsletters/consent-withdrawal';
import { MailFeedbackRecorder } from '#domain/newsletters/mail-feedback';
import type { SendStarts, UnsubscribeLinks } from '#domain/newsletters/newsletter-ports';
import { NewsletterService } from '#domain/newsletters/newsletter-service';
import { Unsubscribe } from '#domain/newsletters/unsubscribe';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoCampaignTotals } from '#table/campaigns/campaign-totals-store';
import type { Table } from '#table/core/table';
import { DynamoAudience } from '#table/newsletters/audience-store';
import { DynamoConsentStore } from '#table/newsletters/consent-store';
import { DynamoNewsletterSettingsStore } from '#table/newsletters/newsletter-settings-store';
import { DynamoNewsletterStore } from '#table/newsletters/newsletter-store';
import { DynamoSendRecordStore } from '#table/newsletters/send-record-store';
import { DynamoSnapshotStore } from '#table/newsletters/snapshot-store';
import { DynamoSuppressionStore } from '#table/newsletters/suppression-store';
import { DynamoUserStore } from '#table/users/users-store';
import { serviceDeps } from './service-deps';

/** The newsletter module's stores on the table. */
export function newsletterStores(table: Table) {
  const contacts = new DynamoContactStore(table);
  return {
    contacts,
    newsletters: new DynamoNewsletterStore(table),
    snapshots: new DynamoSnapshotStore(table),
    records: new DynamoSendRecordStore(table),
    suppressions: new DynamoSuppressionStore(table),
    consent: new DynamoConsentStore(table, contacts),
    settings: new DynamoNewsletterSettingsStore(table),
    audience: new DynamoAudience(table),
  };
}

/** Withdraws consent with its history: the unsubscribe endpoint and SES's reports use it. */
export function consentWithdrawal(table: Table, deps: ServiceDeps): ConsentWithdrawal {
  const stores = newsletterStores(table);
  return new ConsentWithdrawal({ ...deps, contacts: stores.contacts, consent: stores.consent });
}

/** The newsletters API's service. */
export function newsletterService(
  env: {
    readonly table: Table;
    readonly mailer: Mailer;
    readonly links: UnsubscribeLinks;
    readonly starts: SendStarts;
  },
  overrides: Partial<ServiceDeps> = {},
): NewsletterService {
  const stores = newsletterStores(env.table);
  const users = new DynamoUserStore(env.table);
  return new NewsletterService({
    ...serviceDeps(env.table, overrides),
    ...stores,
    users: { addressOf: async (tenantId, userId) => (await users.get(tenantId, userId))?.email },
    mailer: env.mailer,
    sanitiser: newsletterHtmlSanitiser,
    links: env.links,
    starts: env.starts,
  });
}

/** The public unsubscribe endpoint's service. */
export function unsubscribeService(
  table: Table,
  signingKey: () => Promise<string>,
  overrides: Partial<ServiceDeps> = {},
) {
  const deps = serviceDeps(table, overrides);
  return new Unsubscribe({ ...deps, signingKey, withdrawal: consentWithdrawal(table, deps) });
}

/** What SES's delivery events change: suppressions, consent and the newsletters' counters. */
export function mailFeedbackRecorder(
  table: Table,
  overrides: Partial<ServiceDeps> = {},
): MailFeedbackRecorder {
  const stores = newsletterStores(table);
  return new MailFeedbackRecorder({
    suppressions: stores.suppressions,
    records: stores.records,
    withdrawal: consentWithdrawal(table, serviceDeps(table, overrides)),
    campaigns: new DynamoCampaignTotals(table),
  });
}
