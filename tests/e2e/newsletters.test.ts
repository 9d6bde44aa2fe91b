import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { browserContext, launchChromium } from '../support/chromium';
import { callApi, clientFor, startTestRuntime, tokenFor } from '../support/runtime';

interface StoredMail {
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

type Client = ReturnType<typeof clientFor>;

const bounceSample = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../events/ses/bounce-permanent.json'), 'utf8'),
);

describe('newsletters end to end: filter, test, review, deselect, send, unsubscribe, bounce', () => {
  let runtime: LocalRuntime;
  let admin: Client;
  let browser: Browser;
  /** This run's own: the local SES is shared by every test file. */
  const run = Date.now().toString(36);
  const address = (name: string) => `${name}-${run}@kunder.example`;

  const mails = async (subject: string): Promise<StoredMail[]> =>
    ((await (await fetch(`${runtime.mailboxUrl}/store`)).json()) as { emails: StoredMail[] }).emails.filter(
      (m) => m.subject === subject,
    );
  const header = (mail: StoredMail, name: string) => mail.headers?.find((h) => h.name === name)?.value;
  const linkOf = (mail: StoredMail) => (header(mail, 'List-Unsubscribe') ?? '').replace(/^<|>$/g, '');

  const contact = async (name: string, fields: Record<string, unknown>) => {
    const created = await admin.post('/v1/contacts', { firstName: name, lastName: 'Kund', ...fields });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  const newsletter = async (subject: string, keywordId: string) => {
    const created = await admin.post('/v1/newsletters', {
      senderName: 'Norrsken Energi',
      senderAddress: 'kundservice@norrsken.example',
      subject,
      subheading: 'Vinterns tips',
      body: '<p>Spara <strong>el</strong> i vinter.</p><script>alert(1)</script>',
      filter: { match: 'all', keywordIds: [keywordId] },
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  const sendAndSettle = async (id: string) => {
    const sent = await admin.post(`/v1/newsletters/${id}/send`, {});
    expect(sent.status).toBe(200);
    await runtime.settled();
    return (await admin.get(`/v1/newsletters/${id}`)).body;
  };

  beforeAll(async () => {
    runtime = await startTestRuntime();
    admin = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'admin'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await runtime.stop();
  });

  it('mails exactly the selected, consenting recipients once, and honours unsubscribes and bounces', async () => {
    // Prepare: a keyword of this run, and who carries it.
    const keyword = await admin.post('/v1/settings/keywords', { title: `Vinterkampanj ${run}` });
    const keywordId = keyword.body.id as string;
    const tagged = { keywords: [keywordId], newsletterConsent: true };
    const anna = await contact('Anna', { ...tagged, email: address('anna') });
    const bertil = await contact('Bertil', { ...tagged, email: address('bertil') });
    const cecilia = await contact('Cecilia', { ...tagged, email: address('cecilia') });
    await contact('David', { ...tagged, newsletterConsent: false, email: address('david') });
    await contact('Eva', { ...tagged, preferredChannel: 'paper', email: address('eva') });
    await contact('Fredrik', { keywords: [keywordId], newsletterConsent: true });
    await contact('Gustav', { newsletterConsent: true, email: address('gustav') });
    const subject = `Vinterbrev ${run}`;

    // Act: compose; a test to oneself; review; deselect Cecilia; send.
    const draft = await newsletter(subject, keywordId);
    const test = await admin.post(`/v1/newsletters/${draft.id}/test`, {});
    const reviewed = await admin.post(`/v1/newsletters/${draft.id}/review`, {});
    const recipients = await admin.get(`/v1/newsletters/${draft.id}/recipients`);
    const deselected = await admin.post(`/v1/newsletters/${draft.id}/selection`, {
      contactIds: [cecilia],
      selected: false,
    });
    const sent = await sendAndSettle(draft.id);

    // Assess: sanitised; the test went to the user alone, marked; the review left out who it should.
    expect(draft.sanitised).toBe(true);
    expect(draft.body).not.toContain('script');
    expect(test.body.to).toBe('admin@norrsken.example');
    const tests = await mails(`[TEST] ${subject}`);
    expect(tests.map((m) => m.destination.to)).toEqual([['admin@norrsken.example']]);
    expect(reviewed.body.review).toMatchObject({
      matched: 6,
      recipients: 3,
      leftOut: { 'no-consent': 1, 'no-email': 1, suppressed: 0, 'paper-preference': 1 },
    });
    expect(recipients.body.items.map((r: { contactId: string }) => r.contactId).sort()).toEqual(
      [anna, bertil, cecilia].sort(),
    );
    expect(deselected.body.review.deselected).toBe(1);
    expect(sent).toMatchObject({
      status: 'sent',
      progress: { sent: 2, failed: 0, skipped: 0, remaining: 0 },
    });
    const delivered = await mails(subject);
    expect(delivered.map((m) => m.destination.to[0]).sort()).toEqual([address('anna'), address('bertil')]);
    for (const mail of delivered) {
      expect(linkOf(mail)).toMatch(new RegExp(`^${runtime.apiUrl}/v1/unsubscribe/[\\w-]+\\.[\\w-]+$`));
      expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.body.html).toContain(linkOf(mail));
      expect(mail.body.text).toContain('Spara el i vinter.');
    }

    // Act: sent twice, edited after sending; a page of the send delivered again.
    const again = await admin.post(`/v1/newsletters/${draft.id}/send`, {});
    const edited = await admin.patch(
      `/v1/newsletters/${draft.id}`,
      { subject: 'Nytt' },
      { 'if-match': `"${sent.version}"` },
    );
    const firstPage = recipients.body.items.map((r: { contactId: string }) => r.contactId).sort()[0];
    runtime.queues.get('newsletter-sends')?.send(
      JSON.stringify({
        kind: 'page',
        tenantId: 'norrsken',
        newsletterId: draft.id,
        reviewId: sent.review.id,
        first: firstPage,
      }),
    );
    await runtime.settled();

    // Assess: refused with the state named; nobody mailed twice.
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:gridline:problem:invalid-state');
    expect(edited.status).toBe(409);
    expect(await mails(subject)).toHaveLength(2);

    // Act: Anna's mail provider posts the one-click form; a tampered link is posted too.
    const annaBefore = (await admin.get(`/v1/contacts/${anna}`)).body;
    const annaMail = delivered.find((m) => m.destination.to[0] === address('anna')) as StoredMail;
    const oneClick = await fetch(linkOf(annaMail), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    const bertilMail = delivered.find((m) => m.destination.to[0] === address('bertil')) as StoredMail;
    const tampered = await fetch(`${linkOf(bertilMail)}x`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

    // Assess: Anna is out, with the history saying how; Bertil is not.
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Du får inga fler nyhetsbrev från Norrsken Energi AB');
    expect(await tampered.text()).toContain('This link is no longer valid');
    const annaAfter = (await admin.get(`/v1/contacts/${anna}`)).body;
    expect(annaAfter).toEqual({
      ...annaBefore,
      newsletterConsent: false,
      version: annaBefore.version + 1,
      updatedAt: expect.any(String),
      updatedBy: expect.any(String),
    });
    expect((await admin.get(`/v1/contacts/${bertil}`)).body.newsletterConsent).toBe(true);
    // The history is the audit recorder's, written from the change's event.
    await runtime.settled();
    const annaChanges = (await admin.get(`/v1/contacts/${anna}/history`)).body.items.find(
      (e: { type: string }) => e.type === 'ContactUpdated',
    );
    expect(annaChanges).toMatchObject({
      type: 'ContactUpdated',
      changes: [{ field: 'newsletterConsent', from: true, to: false }],
    });
    const history = await admin.get(`/v1/contacts/${anna}/consent-history`);
    expect(history.body.items[0]).toMatchObject({
      granted: false,
      source: 'one-click',
      newsletterId: draft.id,
    });
    expect(history.body.items[1]).toMatchObject({ granted: true, source: 'user' });

    // Act: the next newsletter to the same filter.
    const nextSubject = `Vårbrev ${run}`;
    const next = await newsletter(nextSubject, keywordId);
    const nextReview = await admin.post(`/v1/newsletters/${next.id}/review`, {});
    const nextSent = await sendAndSettle(next.id);

    // Assess: Anna is left out for her withdrawn consent; Bertil and Cecilia get it.
    expect(nextReview.body.review.leftOut['no-consent']).toBe(2);
    expect(nextSent.progress.sent).toBe(2);
    const nextMails = await mails(nextSubject);
    expect(nextMails.map((m) => m.destination.to[0]).sort()).toEqual([address('bertil'), address('cecilia')]);

    // Act: SES reports a permanent bounce of Bertil's mail.
    const bounce = structuredClone(bounceSample);
    bounce.detail.bounce.bouncedRecipients[0].emailAddress = address('bertil');
    bounce.detail.mail.destination = [address('bertil')];
    bounce.detail.mail.tags = { tenant: ['norrsken'], newsletter: [next.id], contact: [bertil] };
    const injected = await fetch(runtime.sesEventsUrl, { method: 'POST', body: JSON.stringify(bounce) });
    // SES's event again, with its id: a redelivery.
    await fetch(runtime.sesEventsUrl, { method: 'POST', body: JSON.stringify(bounce) });
    await runtime.settled();

    // Assess: suppressed with SES's reason, consent withdrawn, counted on the newsletter.
    expect(injected.status).toBe(202);
    const suppressions = await admin.get('/v1/newsletter-suppressions');
    expect(suppressions.body.items).toContainEqual(
      expect.objectContaining({ email: address('bertil'), reason: 'bounce', detail: 'Permanent/General' }),
    );
    expect((await admin.get(`/v1/contacts/${bertil}`)).body.newsletterConsent).toBe(false);
    const bertilHistory = await admin.get(`/v1/contacts/${bertil}/consent-history`);
    expect(bertilHistory.body.items[0]).toMatchObject({ source: 'bounce', reason: 'Permanent/General' });
    expect((await admin.get(`/v1/newsletters/${next.id}`)).body.progress.bounced).toBe(1);

    // Act: Cecilia follows the footer link in a real browser without JavaScript and confirms.
    const cecilia2 = nextMails.find((m) => m.destination.to[0] === address('cecilia')) as StoredMail;
    const footerLink = /href="([^"]+\/v1\/unsubscribe\/[^"]+)"/.exec(cecilia2.body.html ?? '')?.[1] as string;
    const context = await browserContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(footerLink.replace(/&amp;/g, '&'));
    const question = await page.locator('p').first().textContent();
    await page.getByRole('button').click();
    await page.waitForLoadState();
    const answer = await page.locator('p').first().textContent();
    await context.close();

    // Assess: the page asked in Swedish, naming only the tenant, and took effect.
    expect(question).toBe('Vill du sluta få nyhetsbrev från Norrsken Energi AB?');
    expect(answer).toBe('Klart. Du får inga fler nyhetsbrev från Norrsken Energi AB.');
    const ceciliaHistory = await admin.get(`/v1/contacts/${cecilia}/consent-history`);
    expect(ceciliaHistory.body.items[0]).toMatchObject({ source: 'unsubscribe-page', newsletterId: next.id });
  });

  it('starts a scheduled newsletter at its time, after taking back an earlier schedule, and refuses what cannot be sent', async () => {
    // Prepare
    const keyword = await admin.post('/v1/settings/keywords', { title: `Planerat ${run}` });
    await contact('Hanna', { keywords: [keyword.body.id], newsletterConsent: true, email: address('hanna') });
    const subject = `Planerat brev ${run}`;
    const draft = await newsletter(subject, keyword.body.id);

    // Act: bad input and sending before a review; then review and schedule.
    const unverified = await admin.post('/v1/newsletters', {
      senderName: 'X',
      senderAddress: 'someone@elsewhere.example',
      subject: 'x',
      body: 'x',
      filter: { match: 'any' },
    });
    const early = await admin.post(`/v1/newsletters/${draft.id}/send`, {});
    await admin.post(`/v1/newsletters/${draft.id}/review`, {});
    const first = new Date(runtime.scheduler.now().getTime() + 5 * 60_000).toISOString();
    await admin.post(`/v1/newsletters/${draft.id}/send`, { at: first });
    const unscheduled = await admin.post(`/v1/newsletters/${draft.id}/cancel`, {});
    const at = new Date(runtime.scheduler.now().getTime() + 10 * 60_000).toISOString();
    const scheduled = await admin.post(`/v1/newsletters/${draft.id}/send`, { at });
    await runtime.scheduler.advanceBy(6 * 60_000);
    await runtime.settled();
    const before = await mails(subject);
    await runtime.scheduler.advanceBy(5 * 60_000);
    await runtime.settled();

    // Assess
    expect(unverified.status).toBe(400);
    expect(unverified.body['invalid-params'].map((p: { name: string }) => p.name)).toEqual([
      'senderAddress',
      'filter',
    ]);
    expect(early.status).toBe(409);
    expect(unscheduled.body.status).toBe('reviewed');
    expect(unscheduled.body.sendAt).toBeUndefined();
    expect(scheduled.body).toMatchObject({ status: 'scheduled', sendAt: at });
    expect(before).toHaveLength(0);
    expect((await mails(subject)).map((m) => m.destination.to[0])).toEqual([address('hanna')]);
    expect((await admin.get(`/v1/newsletters/${draft.id}`)).body.status).toBe('sent');
  });

  it('has a reviewed demo newsletter, answers a link that is not one, and shows a tenant only its own', async () => {
    // Act
    const unknown = await callApi(runtime, 'GET', '/v1/unsubscribe/bm90.b3Vycw');
    const mangled = await callApi(runtime, 'GET', '/v1/unsubscribe/not%20a%20link');
    const otherTenant = clientFor(runtime, await tokenFor(runtime, 'tatra', 'admin'));
    const list = await otherTenant.get('/v1/newsletters');

    const demo = (await admin.get('/v1/newsletters?status=reviewed')).body.items.find(
      (n: { subject: string }) => n.subject === 'Solel i vinter',
    );

    // Assess
    // Its one reader with consent lives in a household that wants paper (R-CO-3).
    expect(demo.review).toMatchObject({ matched: 1, recipients: 0, leftOut: { 'paper-preference': 1 } });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toContain('This link is no longer valid');
    expect(mangled.status).toBe(400);
    expect(mangled.body['invalid-params'][0].name).toBe('token');
    expect(list.body.items.filter((n: { subject: string }) => n.subject.includes(run))).toEqual([]);
  });
});
