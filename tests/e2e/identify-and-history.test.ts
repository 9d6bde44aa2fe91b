import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime } from '../support/runtime';

describe('caller identification and history, end to end', () => {
  let runtime: LocalRuntime;
  let sweden: ReturnType<typeof clientFor>;
  let slovakia: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    const [se, sk] = runtime.tenants;
    sweden = clientFor(runtime, se?.adminToken as string);
    slovakia = clientFor(runtime, sk?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('finds a contact by any written form of its phone, only within its tenant', async () => {
    // Prepare
    const account = await sweden.post('/v1/accounts', { name: 'Elektriker Nord AB', customerType: 'B2B' });
    const contact = await sweden.post('/v1/contacts', {
      firstName: 'Anna',
      lastName: 'Svensson',
      phones: ['+46 70 123 45 67'],
      accountId: account.body.id,
    });

    // Act
    const found = await sweden.get(`/v1/identify?phone=${encodeURIComponent('070-123 45 67')}`);
    const foreign = await slovakia.get(`/v1/identify?phone=${encodeURIComponent('070-123 45 67')}`);
    const foreignInternational = await slovakia.get(
      `/v1/identify?phone=${encodeURIComponent('+46701234567')}`,
    );

    // Assess
    expect(contact.status).toBe(201);
    expect(contact.body.phones).toEqual(['+46701234567']);
    expect(found.status).toBe(200);
    expect(found.body.contacts).toHaveLength(1);
    expect(found.body.contacts[0].contact.id).toBe(contact.body.id);
    expect(found.body.contacts[0].account.name).toBe('Elektriker Nord AB');
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toBe('application/problem+json');
    expect(foreignInternational.status).toBe(404);
  });

  it('identifies by e-mail in any case and by external customer id', async () => {
    await sweden.post('/v1/contacts', {
      firstName: 'Per',
      lastName: 'Holm',
      email: 'Per.Holm@Example.se',
      externalCustomerId: 'NE-555001',
    });

    const byEmail = await sweden.get('/v1/identify?email=PER.HOLM@example.SE');
    const byCustomerId = await sweden.get('/v1/identify?customerId=NE-555001');

    expect(byEmail.body.contacts.map((m: { contact: { lastName: string } }) => m.contact.lastName)).toEqual([
      'Holm',
    ]);
    expect(byCustomerId.body.contacts[0].contact.email).toBe('per.holm@example.se');
  });

  it('identifies an account by its own phone series', async () => {
    await sweden.post('/v1/accounts', { name: 'Växeln AB', customerType: 'B2B', phones: ['08-123 456 78'] });

    const found = await sweden.get(`/v1/identify?phone=${encodeURIComponent('+46 8 123 456 78')}`);

    expect(found.status).toBe(200);
    expect(found.body.accounts.map((a: { name: string }) => a.name)).toEqual(['Växeln AB']);
  });

  it('records who changed what and when, including the account’s contacts', async () => {
    // Prepare
    const account = await sweden.post('/v1/accounts', { name: 'Historik AB', customerType: 'B2B' });
    const updated = await sweden.patch(
      `/v1/accounts/${account.body.id}`,
      { name: 'Historik & Co AB', email: 'info@historik.example' },
      { 'if-match': account.headers.get('etag') as string },
    );
    const contact = await sweden.post('/v1/contacts', {
      firstName: 'Lisa',
      lastName: 'Ek',
      accountId: account.body.id,
    });

    // Act
    await runtime.settled();
    const history = await sweden.get(`/v1/accounts/${account.body.id}/history`);

    // Assess
    expect(updated.status).toBe(200);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'ContactCreated',
      'AccountUpdated',
      'AccountCreated',
    ]);
    const change = history.body.items[1];
    expect(change.actorId).toBe('norrsken-admin');
    expect(change.changes).toEqual([
      { field: 'name', from: 'Historik AB', to: 'Historik & Co AB' },
      { field: 'email', from: null, to: 'info@historik.example' },
    ]);
    expect(history.body.items[0].subject).toEqual({ type: 'contact', id: contact.body.id });
  });

  it('lists notes newest first', async () => {
    const account = await sweden.post('/v1/accounts', { name: 'Anteckningar AB', customerType: 'B2B' });
    for (const text of ['first call', 'sent price list', 'customer accepted']) {
      expect((await sweden.post(`/v1/accounts/${account.body.id}/notes`, { text })).status).toBe(201);
    }

    const notes = await sweden.get(`/v1/accounts/${account.body.id}/notes`);

    expect(notes.body.items.map((n: { text: string }) => n.text)).toEqual([
      'customer accepted',
      'sent price list',
      'first call',
    ]);
    expect(notes.body.items[0].authorId).toBe('norrsken-admin');
  });

  it('shows an account with its contacts in one call', async () => {
    const account = await sweden.post('/v1/accounts', { name: 'Vy AB', customerType: 'B2B' });
    await sweden.post('/v1/contacts', { firstName: 'A', lastName: 'One', accountId: account.body.id });
    await sweden.post('/v1/contacts', { firstName: 'B', lastName: 'Two', accountId: account.body.id });

    const view = await sweden.get(`/v1/accounts/${account.body.id}/view`);

    expect(view.body.account.name).toBe('Vy AB');
    expect(view.body.contacts.map((c: { lastName: string }) => c.lastName).sort()).toEqual(['One', 'Two']);
  });
});
