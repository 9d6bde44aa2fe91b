import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime, tokenFor } from '../support/runtime';

interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string };
}

const decodeWords = (header: string) =>
  header.replace(/=\?UTF-8\?B\?([^?]+)\?=/g, (_m, b64: string) =>
    Buffer.from(b64, 'base64').toString('utf8'),
  );

describe('e-mail and SMS from a contact, and the timeline, end to end', () => {
  let runtime: LocalRuntime;
  let sweden: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    sweden = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('sends an e-mail and an SMS from the tenant’s sender and shows both on the timelines', async () => {
    // Prepare
    const account = await sweden.post('/v1/accounts', { name: 'Kontakt AB', customerType: 'B2B' });
    const contact = await sweden.post('/v1/contacts', {
      firstName: 'Maja',
      lastName: 'Ek',
      email: 'maja.ek@example.se',
      phones: ['070-555 12 34'],
      accountId: account.body.id,
    });

    // Act
    const email = await sweden.post(
      `/v1/contacts/${contact.body.id}/emails`,
      { subject: 'Ditt nya elavtal', text: 'Hej Maja, här kommer avtalet.' },
      { 'idempotency-key': 'mail-maja-1' },
    );
    const retried = await sweden.post(
      `/v1/contacts/${contact.body.id}/emails`,
      { subject: 'Ditt nya elavtal', text: 'Hej Maja, här kommer avtalet.' },
      { 'idempotency-key': 'mail-maja-1' },
    );
    const sms = await sweden.post(`/v1/contacts/${contact.body.id}/sms`, {
      text: 'Avtalet är skickat per e-post.',
    });
    await runtime.settled();
    const store = (await (await fetch(`${runtime.mailboxUrl}/store`)).json()) as { emails: StoredMail[] };
    const texts = (await (await fetch(`${runtime.smsUrl}?to=%2B46705551234`)).json()) as {
      messages: { from?: string; body: string }[];
    };
    const contactTimeline = await sweden.get(`/v1/contacts/${contact.body.id}/timeline`);
    const accountTimeline = await sweden.get(`/v1/accounts/${account.body.id}/timeline`);

    // Assess
    expect(email.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const sent = store.emails.filter((m) => m.destination.to.includes('maja.ek@example.se'));
    expect(sent).toHaveLength(1);
    expect(decodeWords(sent[0]?.from ?? '')).toBe(
      'Norrsken Energi Kundtjänst <kundservice@norrsken.example>',
    );
    expect(sent[0]?.subject).toBe('Ditt nya elavtal');
    expect(sms.status).toBe(201);
    expect(texts.messages.map((m) => [m.from, m.body])).toEqual([
      ['Norrsken', 'Avtalet är skickat per e-post.'],
    ]);
    expect(contactTimeline.body.items.map((e: { kind: string }) => e.kind)).toEqual([
      'sms',
      'email',
      'created',
    ]);
    expect(contactTimeline.body.items[1].summary).toBe('Ditt nya elavtal');
    expect(accountTimeline.body.items.slice(0, 2).map((e: { kind: string }) => e.kind)).toEqual([
      'sms',
      'email',
    ]);
  });

  it('refuses an e-mail to a contact without an address, and a viewer', async () => {
    const contact = await sweden.post('/v1/contacts', { firstName: 'Utan', lastName: 'Adress' });
    const viewer = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'viewer'));

    const noAddress = await sweden.post(`/v1/contacts/${contact.body.id}/emails`, {
      subject: 'Hej',
      text: 'Hej',
    });
    const fromViewer = await viewer.post(`/v1/contacts/${contact.body.id}/emails`, {
      subject: 'Hej',
      text: 'Hej',
    });

    expect(noAddress.status).toBe(409);
    expect(noAddress.body['invalid-params'][0].name).toBe('email');
    expect(fromViewer.status).toBe(403);
  });

  it('lists the tenant’s users, seeded with the demo roles, and tells each who they are', async () => {
    const sales = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'sales'));

    const users = await sweden.get('/v1/users');
    const me = await sales.get('/v1/users/me');
    const listBySales = await sales.get('/v1/users');

    expect(users.body.items.map((u: { roles: string[] }) => u.roles[0]).sort()).toEqual([
      'admin',
      'sales',
      'sales',
      'service',
      'technician',
      'technician',
      'viewer',
    ]);
    expect(me.body.roles).toEqual(['sales']);
    expect(listBySales.status).toBe(403);
  });
});
