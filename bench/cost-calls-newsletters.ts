import { readFileSync } from 'node:fs';
import path from 'node:path';
import { environmentUnsubscribeLinks } from '#runtime/environment/unsubscribe-links';
import type { RouteCall } from './route-call';

const bounceSample = readFileSync(
  path.resolve(import.meta.dirname, '../events/ses/bounce-permanent.json'),
  'utf8',
);

const newsletter = (keywordId: string | undefined) => ({
  senderName: 'Norrsken Energi',
  senderAddress: 'kundservice@norrsken.example',
  subject: 'Vinterns tips',
  body: '<p>Spara el i vinter.</p>',
  filter: { match: 'all', keywordIds: [keywordId] },
});

export const newsletterCalls: RouteCall[] = [
  {
    route: 'POST /v1/newsletters',
    body: (ids) => newsletter(ids.keywordId),
    keep: (a, ids) => {
      ids.newsletterId = a.body.id;
    },
  },
  { route: 'GET /v1/newsletters' },
  { route: 'GET /v1/newsletters/{newsletterId}' },
  {
    route: 'PATCH /v1/newsletters/{newsletterId}',
    body: () => ({ subheading: 'Spara i vinter' }),
    ifMatch: '/v1/newsletters/{newsletterId}',
  },
  { route: 'POST /v1/newsletters/{newsletterId}/test', body: () => ({}) },
  { route: 'POST /v1/newsletters/{newsletterId}/review', body: () => ({}) },
  { route: 'GET /v1/newsletters/{newsletterId}/recipients' },
  {
    route: 'POST /v1/newsletters/{newsletterId}/selection',
    body: (ids) => ({ contactIds: [ids.contactId], selected: true }),
  },
  // Paused while it is sending: the consumers are not waited for in between.
  { route: 'POST /v1/newsletters/{newsletterId}/send', body: () => ({}), settle: false },
  { route: 'POST /v1/newsletters/{newsletterId}/pause', body: () => ({}), settle: false },
  { route: 'POST /v1/newsletters/{newsletterId}/resume', body: () => ({}), settle: false },
  { route: 'POST /v1/newsletters/{newsletterId}/cancel', body: () => ({}) },
  {
    route: 'DELETE /v1/newsletters/{newsletterId}',
    prepare: async (w) => {
      w.ids.newsletterId = (await w.api('POST', '/v1/newsletters', newsletter(w.ids.keywordId))).body.id;
    },
  },
  {
    route: 'GET /v1/unsubscribe/{token}',
    as: 'public',
    prepare: async (w) => {
      const link = await environmentUnsubscribeLinks().url(
        'norrsken',
        w.ids.newsletterId as string,
        w.ids.contactId as string,
      );
      w.ids.token = link.split('/').at(-1) as string;
    },
  },
  { route: 'POST /v1/unsubscribe/{token}', as: 'public' },
  { route: 'GET /v1/contacts/{contactId}/consent-history' },
  {
    route: 'GET /v1/newsletter-suppressions',
    // SES reports a permanent bounce of the contact's address: suppressed.
    prepare: async (w) => {
      const bounce = JSON.parse(bounceSample);
      bounce.detail.bounce.bouncedRecipients[0].emailAddress = 'kim@kostnad.example';
      bounce.detail.mail.destination = ['kim@kostnad.example'];
      bounce.detail.mail.tags = {
        tenant: ['norrsken'],
        newsletter: [w.ids.newsletterId],
        contact: [w.ids.contactId],
      };
      await fetch(w.runtime.sesEventsUrl, { method: 'POST', body: JSON.stringify(bounce) });
      await w.settled();
      w.ids.email = 'kim@kostnad.example';
    },
  },
  { route: 'DELETE /v1/newsletter-suppressions/{email}' },
  { route: 'GET /v1/newsletter-settings' },
  {
    route: 'PUT /v1/newsletter-settings',
    body: () => ({ tracking: true }),
    ifMatch: '/v1/newsletter-settings',
  },
];

export const docsCalls: RouteCall[] = [
  { route: 'GET /openapi.json', as: 'public' },
  { route: 'GET /docs', as: 'public' },
  { route: 'GET /docs/swagger-ui.css', as: 'public' },
  { route: 'GET /docs/swagger-ui-bundle.js', as: 'public' },
  { route: 'GET /docs/docs.js', as: 'public' },
];
