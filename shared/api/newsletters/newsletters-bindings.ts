import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import type { NewsletterService } from '#domain/newsletters/newsletter-service';
import { type BoundRoute, bind } from '#http/route';
import { newsletterRoutes as r } from './newsletters-routes';

const versioned = <T extends { version: number }>(value: T) => ({ body: value, version: value.version });

/** Maps each newsletter route onto its service call. */
export function newslettersApi(s: NewsletterService): BoundRoute[] {
  return [
    bind(r.createNewsletter, async ({ caller, body, idempotency }) =>
      createdResult(await s.create(caller, body, idempotencyToken('createNewsletter', idempotency))),
    ),
    bind(r.listNewsletters, async ({ caller, query: { limit, cursor, ...filter } }) => ({
      body: await s.list(caller, filter, { limit, cursor }),
    })),
    bind(r.getNewsletter, async ({ caller, params }) => versioned(await s.view(caller, params.newsletterId))),
    bind(r.updateNewsletter, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.update(caller, params.newsletterId, ifMatch as number, body)),
    ),
    bind(r.deleteNewsletter, async ({ caller, params }) => {
      await s.remove(caller, params.newsletterId);
      return {};
    }),
    bind(r.sendNewsletterTest, async ({ caller, params }) => ({
      body: await s.sendTest(caller, params.newsletterId),
    })),
    bind(r.reviewNewsletter, async ({ caller, params }) =>
      versioned(await s.review(caller, params.newsletterId)),
    ),
    bind(r.listNewsletterRecipients, async ({ caller, params, query }) => ({
      body: await s.recipients(caller, params.newsletterId, query),
    })),
    bind(r.selectNewsletterRecipients, async ({ caller, params, body }) =>
      versioned(await s.select(caller, params.newsletterId, body.contactIds, body.selected)),
    ),
    bind(r.sendNewsletter, async ({ caller, params, body }) =>
      versioned(await s.send(caller, params.newsletterId, body.at ? new Date(body.at) : undefined)),
    ),
    bind(r.pauseNewsletter, async ({ caller, params }) =>
      versioned(await s.pause(caller, params.newsletterId)),
    ),
    bind(r.resumeNewsletter, async ({ caller, params }) =>
      versioned(await s.resume(caller, params.newsletterId)),
    ),
    bind(r.cancelNewsletter, async ({ caller, params }) =>
      versioned(await s.cancel(caller, params.newsletterId)),
    ),
    bind(r.listSuppressions, async ({ caller, query }) => ({ body: await s.suppressions(caller, query) })),
    bind(r.deleteSuppression, async ({ caller, params }) => {
      await s.unsuppress(caller, params.email);
      return {};
    }),
    bind(r.getConsentHistory, async ({ caller, params, query }) => ({
      body: await s.consentHistory(caller, params.contactId, query),
    })),
    bind(r.getNewsletterSettings, async ({ caller }) => versioned(await s.settings(caller))),
    bind(r.setNewsletterSettings, async ({ caller, body, ifMatch }) =>
      versioned(await s.setSettings(caller, ifMatch as number, body)),
    ),
  ];
}
