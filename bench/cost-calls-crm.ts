import type { CallWorld, RouteCall } from './route-call';

/** An hour after the local scheduler's now, to the minute: an activity that falls due when the clock moves on. */
const inAnHour = (w: CallWorld) =>
  new Date(Math.ceil((w.runtime.scheduler.now().getTime() + 3_600_000) / 60_000) * 60_000).toISOString();

const importCsv = [
  'Företag;Typ;Förnamn;Efternamn;E-post',
  'Kostnad Import AB;B2B;Ida;Import;ida@import.example',
].join('\r\n');

export const crmCalls: RouteCall[] = [
  {
    route: 'POST /v1/accounts',
    body: (ids) => ({
      name: 'Kostnad AB',
      customerType: 'B2B',
      addresses: [
        { kind: 'visiting', street: 'Storgatan 14', postcode: '114 51', city: 'Stockholm', country: 'SE' },
      ],
      categoryIds: [ids.categoryId],
    }),
    keep: (a, ids) => {
      ids.accountId = a.body.id;
    },
  },
  { route: 'GET /v1/accounts', query: () => ({ q: 'kostnad' }) },
  { route: 'GET /v1/accounts/{accountId}' },
  { route: 'GET /v1/accounts/{accountId}/view' },
  {
    route: 'PATCH /v1/accounts/{accountId}',
    body: () => ({ website: 'https://kostnad.example' }),
    ifMatch: '/v1/accounts/{accountId}',
  },
  {
    route: 'PUT /v1/accounts/{accountId}/additional-info',
    body: () => ({ contactOrigin: 'Mässa' }),
    ifMatch: '/v1/accounts/{accountId}',
  },
  {
    route: 'GET /v1/accounts/{accountId}/register-suggestion',
    // An account whose number the local register stand-in knows, looked up by the pipeline.
    prepare: async (w) => {
      const made = await w.api('POST', '/v1/accounts', {
        name: 'Norrbäcks Värme',
        orgNumber: '556920-3572',
        customerType: 'B2B',
      });
      w.ids.registerAccountId = made.body.id;
      await w.settled();
    },
    params: (ids) => ({ accountId: ids.registerAccountId as string }),
  },
  {
    route: 'POST /v1/accounts/{accountId}/register-suggestion/apply',
    params: (ids) => ({ accountId: ids.registerAccountId as string }),
    body: () => ({ fields: ['name', 'address', 'legalForm'] }),
    ifMatch: '/v1/accounts/{registerAccountId}',
  },
  { route: 'POST /v1/accounts/{accountId}/notes', body: () => ({ text: 'Ringde om priset.' }) },
  { route: 'GET /v1/accounts/{accountId}/notes' },
  { route: 'GET /v1/accounts/{accountId}/history' },
  { route: 'GET /v1/accounts/{accountId}/timeline' },
  { route: 'GET /v1/settings/categories/{categoryId}/accounts' },
  {
    route: 'POST /v1/contacts',
    body: (ids) => ({
      firstName: 'Kim',
      lastName: 'Kostnad',
      email: 'kim@kostnad.example',
      phones: ['+46701234599'],
      accountId: ids.accountId,
      categoryIds: [ids.categoryId],
      keywords: [ids.keywordId],
      newsletterConsent: true,
      isSigningPerson: true,
    }),
    keep: (a, ids) => {
      ids.contactId = a.body.id;
    },
  },
  { route: 'GET /v1/contacts', query: (ids) => ({ accountId: ids.accountId as string }) },
  { route: 'GET /v1/contacts/{contactId}' },
  {
    route: 'PATCH /v1/contacts/{contactId}',
    body: () => ({ greeting: 'Hej Kim' }),
    ifMatch: '/v1/contacts/{contactId}',
  },
  { route: 'POST /v1/contacts/{contactId}/notes', body: () => ({ text: 'Vill ha e-post.' }) },
  { route: 'GET /v1/contacts/{contactId}/notes' },
  { route: 'GET /v1/contacts/{contactId}/history' },
  { route: 'GET /v1/contacts/{contactId}/timeline' },
  { route: 'GET /v1/settings/categories/{categoryId}/contacts' },
  { route: 'GET /v1/identify', query: () => ({ email: 'karin@solrosen.example' }) },
  {
    route: 'POST /v1/contacts/{contactId}/emails',
    body: () => ({ subject: 'Ert erbjudande', text: 'Hej, här kommer erbjudandet.' }),
  },
  { route: 'POST /v1/contacts/{contactId}/sms', body: () => ({ text: 'Hej, ring oss gärna.' }) },
  { route: 'GET /v1/contacts/{contactId}/messages' },
  {
    route: 'POST /v1/contacts/{contactId}/merges',
    // A duplicate of the contact, by the same e-mail, with another phone.
    prepare: async (w) => {
      const duplicate = await w.api('POST', '/v1/contacts', {
        firstName: 'Kim',
        lastName: 'Kostnad',
        email: 'kim@kostnad.example',
        phones: ['+46701234598'],
      });
      w.ids.duplicateId = duplicate.body.id;
    },
    body: (ids) => ({ loserId: ids.duplicateId }),
    ifMatch: '/v1/contacts/{contactId}',
  },
  {
    route: 'POST /v1/accounts/{accountId}/activities',
    body: () => ({ title: 'Följ upp', schedule: { kind: 'once', at: '2027-02-01T09:00:00.000Z' } }),
    keep: (a, ids) => {
      ids.activityId = a.body.id;
    },
  },
  { route: 'GET /v1/accounts/{accountId}/activities' },
  {
    route: 'POST /v1/contacts/{contactId}/activities',
    // Due within the hour: the task below is this one, once the clock has passed it.
    prepare: async (w) => {
      w.ids.dueAt = inAnHour(w);
    },
    body: (ids) => ({
      title: 'Ring tillbaka',
      ownerId: 'norrsken-admin',
      schedule: { kind: 'once', at: ids.dueAt },
    }),
  },
  { route: 'GET /v1/contacts/{contactId}/activities' },
  { route: 'GET /v1/activities/{activityId}' },
  {
    route: 'PATCH /v1/activities/{activityId}',
    body: () => ({ title: 'Följ upp priset' }),
    ifMatch: '/v1/activities/{activityId}',
  },
  {
    route: 'GET /v1/tasks',
    prepare: async (w) => {
      const { scheduler } = w.runtime;
      await scheduler.advanceTo(new Date(scheduler.now().getTime() + 2 * 3_600_000));
      await w.settled();
    },
    keep: (a, ids) => {
      ids.taskId = a.body.items[0]?.id;
    },
  },
  { route: 'GET /v1/tasks/{taskId}' },
  { route: 'POST /v1/tasks/{taskId}/complete', body: () => ({}) },
  {
    route: 'POST /v1/users',
    body: () => ({ email: 'ny@norrsken.example', name: 'Ny Användare', roles: ['viewer'] }),
    keep: (a, ids) => {
      ids.userId = a.body.id;
    },
  },
  { route: 'GET /v1/users' },
  { route: 'GET /v1/users/me' },
  { route: 'GET /v1/users/{userId}' },
  {
    route: 'PATCH /v1/users/{userId}',
    body: () => ({ name: 'Ny Användare 2' }),
    ifMatch: '/v1/users/{userId}',
  },
  { route: 'POST /v1/users/{userId}/deactivate', body: () => ({}) },
  { route: 'POST /v1/users/{userId}/reactivate', body: () => ({}) },
  {
    route: 'POST /v1/imports',
    body: () => ({
      kind: 'accounts-and-contacts',
      fileName: 'kunder.csv',
      size: Buffer.byteLength(importCsv),
    }),
    keep: (a, ids) => {
      ids.importId = a.body.import.id;
      ids.importUpload = JSON.stringify(a.body.upload);
    },
  },
  { route: 'GET /v1/imports/{importId}' },
  {
    route: 'PUT /v1/imports/{importId}/mapping',
    prepare: async (w) => {
      const upload = JSON.parse(w.ids.importUpload as string) as {
        url: string;
        headers: Record<string, string>;
      };
      await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: importCsv });
    },
    body: () => ({
      columns: {
        Företag: 'account.name',
        Typ: 'account.customerType',
        Förnamn: 'contact.firstName',
        Efternamn: 'contact.lastName',
        'E-post': 'contact.email',
      },
      options: { delimiter: 'auto', encoding: 'utf-8' },
    }),
    ifMatch: '/v1/imports/{importId}',
  },
  { route: 'POST /v1/imports/{importId}/dry-run', body: () => ({}) },
  { route: 'POST /v1/imports/{importId}/run', body: () => ({}) },
];

/** Last of all: the account and contact the other calls used, deleted, the account restored. */
export const crmDeletes: RouteCall[] = [
  { route: 'DELETE /v1/contacts/{contactId}' },
  { route: 'DELETE /v1/accounts/{accountId}' },
  { route: 'GET /v1/accounts/deleted' },
  { route: 'POST /v1/accounts/{accountId}/restore', body: () => ({}) },
];
