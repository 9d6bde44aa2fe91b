import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime } from '../support/runtime';

describe('merging duplicate contacts, end to end', () => {
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

  it('merges two duplicates: either phone finds the survivor, the loser points at it, its activities follow', async () => {
    // Prepare: the same person twice, by the same e-mail, with two phones
    const survivor = await sweden.post('/v1/contacts', {
      firstName: 'Maja',
      lastName: 'Lindqvist',
      email: 'maja.lindqvist@example.se',
      phones: ['070-555 10 01'],
    });
    const loser = await sweden.post('/v1/contacts', {
      firstName: 'Maja',
      lastName: 'Lindqvist',
      email: 'Maja.Lindqvist@example.se',
      phones: ['073-555 20 02'],
      greeting: 'Hej Maja',
    });
    const activity = await sweden.post(`/v1/contacts/${loser.body.id}/activities`, {
      title: 'Ring om elavtalet',
      ownerId: 'norrsken-admin',
      schedule: { kind: 'once', at: '2027-03-01T09:00:00.000Z' },
    });
    await sweden.post(`/v1/contacts/${loser.body.id}/notes`, { text: 'Vill byta till fast pris.' });
    await runtime.settled();
    const duplicates = await sweden.get('/v1/identify?email=maja.lindqvist@example.se');

    // Act
    const merged = await sweden.post(
      `/v1/contacts/${survivor.body.id}/merges`,
      { loserId: loser.body.id },
      { 'if-match': survivor.headers.get('etag') as string },
    );
    await runtime.settled();

    // Assess: the two were detected as duplicates, and one survives with both phones
    expect(duplicates.body.contacts.map((m: { contact: { id: string } }) => m.contact.id).sort()).toEqual(
      [survivor.body.id, loser.body.id].sort(),
    );
    expect(merged.status).toBe(200);
    expect(merged.body.phones).toEqual(['+46705551001', '+46735552002']);
    expect(merged.body.greeting).toBe('Hej Maja');
    for (const phone of ['070-555 10 01', '073-555 20 02']) {
      const found = await sweden.get(`/v1/identify?phone=${encodeURIComponent(phone)}`);
      expect(found.status, phone).toBe(200);
      expect(
        found.body.contacts.map((m: { contact: { id: string } }) => m.contact.id),
        phone,
      ).toEqual([survivor.body.id]);
    }
    const gone = await sweden.get(`/v1/contacts/${loser.body.id}`);
    expect(gone.status).toBe(301);
    expect(gone.headers.get('location')).toBe(`/v1/contacts/${survivor.body.id}`);
    expect(gone.body).toEqual({ id: loser.body.id, mergedInto: survivor.body.id });
    const timeline = await sweden.get(`/v1/contacts/${survivor.body.id}/timeline`);
    const kinds = timeline.body.items.map((e: { kind: string; title: string }) => `${e.kind}:${e.title}`);
    expect(kinds).toEqual(expect.arrayContaining(['activity:Activity scheduled', 'note:Note added']));
    expect(timeline.body.items[0]).toMatchObject({ title: 'Contacts merged' });
    const activities = await sweden.get(`/v1/contacts/${survivor.body.id}/activities`);
    expect(activities.body.items.map((a: { id: string }) => a.id)).toEqual([activity.body.id]);
    const notes = await sweden.get(`/v1/contacts/${survivor.body.id}/notes`);
    expect(notes.body.items.map((n: { text: string }) => n.text)).toEqual(['Vill byta till fast pris.']);
    const loserHistory = await sweden.get(`/v1/contacts/${loser.body.id}/history`);
    expect(loserHistory.body.items[0]).toMatchObject({ type: 'ContactsMerged' });
  });

  it('points the loser’s deal and open case at the survivor, and leaves another contact’s deal', async () => {
    // Prepare: an account with two duplicates and a third contact, a deal each and a case of the loser
    const account = await sweden.post('/v1/accounts', { name: 'Lindqvist Bygg AB', customerType: 'B2B' });
    const person = { firstName: 'Per', lastName: 'Lindqvist', accountId: account.body.id };
    const survivor = await sweden.post('/v1/contacts', person);
    const loser = await sweden.post('/v1/contacts', person);
    const other = await sweden.post('/v1/contacts', { ...person, firstName: 'Eva' });
    const stages = await sweden.get('/v1/settings/deal-stages');
    const stageId = stages.body.items.find((s: { status: string }) => s.status === 'open').id;
    const dealOf = (contactId: string) =>
      sweden.post('/v1/deals', {
        title: 'Fjärrvärme 2027',
        accountId: account.body.id,
        contactId,
        stageId,
        valueMinor: 2_400_000,
        expectedCloseDate: '2027-02-28',
      });
    const loserDeal = await dealOf(loser.body.id);
    const otherDeal = await dealOf(other.body.id);
    const loserCase = await sweden.post('/v1/cases', {
      subject: 'Fakturan stämmer inte',
      description: 'Dubbel debitering i augusti.',
      contactId: loser.body.id,
    });
    await runtime.settled();

    // Act
    const merged = await sweden.post(
      `/v1/contacts/${survivor.body.id}/merges`,
      { loserId: loser.body.id },
      { 'if-match': '"1"' },
    );
    await runtime.settled();

    // Assess
    expect([merged.status, loserDeal.status, otherDeal.status, loserCase.status]).toEqual([
      200, 201, 201, 201,
    ]);
    const deal = await sweden.get(`/v1/deals/${loserDeal.body.id}`);
    expect(deal.body).toMatchObject({ contactId: survivor.body.id, version: 2 });
    const untouched = await sweden.get(`/v1/deals/${otherDeal.body.id}`);
    expect(untouched.body).toMatchObject({ contactId: other.body.id, version: 1 });
    const serviceCase = await sweden.get(`/v1/cases/${loserCase.body.id}`);
    expect(serviceCase.body.contactId).toBe(survivor.body.id);
    const caseHistory = await sweden.get(`/v1/cases/${loserCase.body.id}/history`);
    expect(caseHistory.body.items[0]).toMatchObject({ type: 'CaseUpdated' });
  });

  it('refuses a second merge of the loser naming its survivor, and changes to it', async () => {
    // Prepare
    const a = await sweden.post('/v1/contacts', {
      firstName: 'Ola',
      lastName: 'Ek',
      phones: ['070-555 30 03'],
    });
    const b = await sweden.post('/v1/contacts', {
      firstName: 'Ola',
      lastName: 'Ek',
      phones: ['070-555 30 04'],
    });
    const c = await sweden.post('/v1/contacts', { firstName: 'Ola', lastName: 'Ek' });
    await sweden.post(`/v1/contacts/${b.body.id}/merges`, { loserId: a.body.id }, { 'if-match': '"1"' });

    // Act
    const again = await sweden.post(
      `/v1/contacts/${c.body.id}/merges`,
      { loserId: a.body.id },
      { 'if-match': '"1"' },
    );
    const change = await sweden.patch(
      `/v1/contacts/${a.body.id}`,
      { greeting: 'Hej' },
      { 'if-match': '"2"' },
    );
    const foreign = await slovakia.post(
      `/v1/contacts/${c.body.id}/merges`,
      { loserId: b.body.id },
      { 'if-match': '"1"' },
    );
    const itself = await sweden.post(
      `/v1/contacts/${c.body.id}/merges`,
      { loserId: c.body.id },
      { 'if-match': '"1"' },
    );

    // Assess
    expect([again.status, again.body.type]).toEqual([409, 'urn:gridline:problem:merged']);
    expect(again.body['invalid-params']).toEqual([{ name: 'loserId', reason: `merged into ${b.body.id}` }]);
    expect([change.status, change.body.type]).toEqual([409, 'urn:gridline:problem:merged']);
    expect(foreign.status).toBe(404);
    expect(itself.status).toBe(400);
    expect(itself.body['invalid-params'][0].name).toBe('loserId');
  });

  it('follows a chain of merges to the live end', async () => {
    // Prepare: A into B, then B into C
    const a = await sweden.post('/v1/contacts', { firstName: 'Siv', lastName: 'Ås' });
    const b = await sweden.post('/v1/contacts', { firstName: 'Siv', lastName: 'Ås' });
    const c = await sweden.post('/v1/contacts', { firstName: 'Siv', lastName: 'Ås' });
    await sweden.post(`/v1/contacts/${b.body.id}/merges`, { loserId: a.body.id }, { 'if-match': '"1"' });
    await sweden.post(`/v1/contacts/${c.body.id}/merges`, { loserId: b.body.id }, { 'if-match': '"1"' });

    // Act
    const read = await sweden.get(`/v1/contacts/${a.body.id}`);
    const list = await sweden.get('/v1/contacts?q=%C3%85s');

    // Assess
    expect(read.status).toBe(301);
    expect(read.headers.get('location')).toBe(`/v1/contacts/${c.body.id}`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([c.body.id]);
  });
});
