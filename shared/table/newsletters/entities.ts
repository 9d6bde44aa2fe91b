import type { ConsentChange } from '#domain/newsletters/consent-change';
import type { Newsletter } from '#domain/newsletters/newsletter';
import type { NewsletterSettings } from '#domain/newsletters/newsletter-settings';
import type { NewsletterProgress, SendRecord } from '#domain/newsletters/send-record';
import type { RecipientPage } from '#domain/newsletters/snapshot';
import type { Suppression } from '#domain/newsletters/suppression';
import { contactPartition } from '#table/accounts/entities';
import { defineEntity } from '#table/core/entity';
import { date, tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A newsletter's partition: the newsletter, its snapshot pages, its progress and its send records. */
export const newsletterPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#NL#${text('newsletterId')}`,
);

export const newsletterEntity = /* @__PURE__ */ defineEntity<Newsletter>()(() => ({
  name: 'Newsletter',
  description:
    'A newsletter: its content, status and review; in the tenant’s list (gsi2), newest first. Ids are ULIDs.',
  key: { pk: newsletterPartition, sk: key`NL` },
  indexes: { gsi2: { pk: key`T#${tenant}#NEWSLETTERS`, sk: key`${ulid('newsletterId')}` } },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; versioned Put with its event',
    },
    all: { index: 'gsi2', order: 'descending', operation: 'Query, newest first (filtered by status)' },
  },
}));

export const recipientPageEntity = /* @__PURE__ */ defineEntity<RecipientPage>()(() => ({
  name: 'NewsletterRecipientPage',
  description:
    'Up to 50 recipients of a review’s snapshot, in contact-id order, named by the first; sent as one batch and marked done once.',
  key: { pk: newsletterPartition, sk: key`PAGE#${text('reviewId')}#${text('first')}` },
  patterns: {
    ofReview: {
      index: 'table',
      sortKey: 'beginsWith',
      sortKeyFacets: ['reviewId'],
      operation: 'Query, in contact-id order (the recipients list; the send’s fan-out, keys only)',
    },
    byFirst: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; versioned Put of a selection; conditional Update when done',
    },
    holding: {
      index: 'table',
      sortKey: 'atMost',
      sortKeyFacets: ['reviewId', 'first'],
      order: 'descending',
      operation: 'Query backwards, one item: the page a contact id falls on',
    },
  },
}));

export const newsletterProgressEntity = /* @__PURE__ */ defineEntity<NewsletterProgress>()(() => ({
  name: 'NewsletterProgress',
  description:
    'A newsletter’s counters: sent, failed and skipped (each ADDed in the transaction that ends a recipient’s send), pages done, and SES’s deliveries, opens, clicks, bounces and complaints (ADDed once per event).',
  key: { pk: newsletterPartition, sk: key`PROGRESS` },
  patterns: {
    byNewsletter: { index: 'table', sortKey: 'equals', operation: 'GetItem; ADD in transactions' },
  },
}));

export const sendRecordEntity = /* @__PURE__ */ defineEntity<SendRecord>()(() => ({
  name: 'NewsletterSend',
  description:
    'One recipient’s send of a newsletter, Put only if absent before the mail goes: a redelivered page mails nobody twice.',
  key: { pk: newsletterPartition, sk: key`SEND#${text('contactId')}` },
  patterns: {
    byContact: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'conditional Put (a skipped one in a transaction with its count), a consistent GetItem when the condition failed (a retried Put finds its own claim); conditional Put to sent or failed in a transaction with the count; BatchGetItem of a page’s records; conditional Delete when SES kept throttling',
    },
  },
}));

export const suppressionEntity = /* @__PURE__ */ defineEntity<Suppression>()(() => ({
  name: 'MailSuppression',
  description:
    'An address the tenant no longer mails: SES reported a permanent bounce or a complaint. All of a tenant’s in one partition.',
  key: { pk: key`T#${tenant}#SUPPRESSED`, sk: key`${text('email')}` },
  patterns: {
    byEmail: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put; BatchGetItem of a page’s addresses; Delete',
    },
    all: { index: 'table', operation: 'Query, every page (a review); a page (the list)' },
  },
}));

export const consentChangeEntity = /* @__PURE__ */ defineEntity<ConsentChange>()(() => ({
  name: 'ConsentChange',
  description:
    'A change of a contact’s newsletter consent, beside the contact: when, how, by whom or by which unsubscribe or SES report.',
  key: { pk: contactPartition, sk: key`CONSENT#${date('at')}#${ulid('changeId')}` },
  patterns: {
    ofContact: {
      index: 'table',
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'Query, newest first',
    },
  },
}));

export const newsletterSettingsEntity = /* @__PURE__ */ defineEntity<NewsletterSettings>()(() => ({
  name: 'NewsletterSettings',
  description: 'A tenant’s newsletter settings: whether opens and clicks are tracked.',
  key: { pk: key`T#${tenant}#NLSETTINGS`, sk: key`SETTINGS` },
  patterns: { byTenant: { index: 'table', sortKey: 'equals', operation: 'GetItem; versioned Put' } },
}));
