import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import { consentSources } from './consent-change';
import type { NewsletterSummary } from './newsletter';

const newsletters = eventsOf(eventSources.newsletters);

/** Every newsletter event carries the newsletter after the change, without its body. */
const newsletter = entity<NewsletterSummary>('NewsletterSummary');

/** Newsletters (R-NL-1..3) and the consent their recipients withdraw (R-NL-3). */
export const newsletterEvents = {
  NewsletterCreated: newsletters({
    when: 'a user wrote a newsletter draft',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterUpdated: newsletters({
    when: 'a user changed a draft or reviewed newsletter (a new filter makes it a draft again)',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterDeleted: newsletters({
    when: 'a user deleted a newsletter that was never sent',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterReviewed: newsletters({
    when: 'a user resolved the filter into the recipient snapshot that gets sent, or changed who in it is selected',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterScheduled: newsletters({
    when: 'a user scheduled a reviewed newsletter to be sent at a time',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterSendStarted: newsletters({
    when: 'a newsletter started sending: sent now by a user, or its scheduled time came',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterPaused: newsletters({
    when: 'a user paused a newsletter that was sending; no page of recipients starts until it resumes',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterResumed: newsletters({
    when: 'a user resumed a paused newsletter; the pages not yet sent are queued again',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterCancelled: newsletters({
    when: 'a user cancelled a newsletter: a scheduled one is reviewed again (to change or schedule anew); one sending or paused ends cancelled, and who was not mailed yet is not',
    subjects: ['newsletter'],
    data: z.object({ newsletter }),
  }),
  NewsletterSent: newsletters({
    when: 'every page of a newsletter’s recipients was sent',
    subjects: ['newsletter'],
    data: z.object({
      newsletter,
      sent: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
    }),
  }),
  NewsletterConsentWithdrawn: newsletters({
    when: 'a contact’s newsletter consent was withdrawn by an unsubscribe, a permanent bounce or a complaint',
    subjects: ['contact'],
    data: z.object({
      contactId: z.string().min(1),
      source: z.enum(consentSources),
      newsletterId: z.string().optional(),
      reason: z.string().optional(),
    }),
  }),
};

export const newNewsletterEvent = eventFactory(newsletterEvents);
