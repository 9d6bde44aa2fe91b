import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable } from '#table/core/table';
import { DynamoRejectedMailStore } from '#table/service/rejected-mail-store';
import type { LocalRuntime } from '../../lib/local/runtime';
import { demoChannels } from '../../lib/local/seed-service';
import { rawMail } from '../support/raw-mail';
import { callApi, clientFor, startTestRuntime, tokenFor } from '../support/runtime';

type Client = ReturnType<typeof clientFor>;

interface CaseItem {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly channel: string;
  readonly status: string;
  readonly contactId?: string;
  readonly requester?: { name?: string; email?: string; phone?: string };
  readonly teamId?: string;
  readonly ownerId?: string;
  readonly messageCount: number;
}

interface RejectedItem {
  readonly reason: string;
  readonly subject?: string;
  readonly from?: string;
  readonly objectKey: string;
}

const norrskenMailbox = 'kundservice@norrsken.example';

/** Every case the client sees, page by page. */
async function casesOf(client: Client): Promise<CaseItem[]> {
  const items: CaseItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.get(
      `/v1/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** A form submission a person would send: the page shown a minute ago, the honeypot empty. */
function submission(fields: Partial<Record<string, unknown>> = {}) {
  return {
    name: 'Karin Lindqvist',
    email: 'karin@solrosen.example',
    subject: `Fråga om flytt ${randomUUID()}`,
    message: 'Hej, vi flyttar bageriet i januari. Hur gör vi med elavtalet?',
    startedAt: Date.now() - 60_000,
    ...fields,
  };
}

/** A Messenger delivery of text messages to a page. */
function messengerDelivery(
  pageId: string,
  messages: readonly { sender: string; mid: string; text: string }[],
) {
  const now = Date.now();
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: pageId,
        time: now,
        messaging: messages.map((m) => ({
          sender: { id: m.sender },
          recipient: { id: pageId },
          timestamp: now,
          message: { mid: m.mid, text: m.text },
        })),
      },
    ],
  });
}

const signatureOf = (secret: string, rawBody: string) =>
  `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

/** A raw multipart RFC 5322 message: a text part and one base64 attachment. */
function mailWithAttachment(fields: {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  attachment: { fileName: string; contentType: string; bytes: Buffer };
}): string {
  const boundary = `b-${randomUUID()}`;
  const base64 = fields.attachment.bytes.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    `Message-ID: <${fields.messageId}>`,
    'Date: Fri, 04 Dec 2026 09:15:00 +0100',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    fields.text,
    `--${boundary}`,
    `Content-Type: ${fields.attachment.contentType}; name="${fields.attachment.fileName}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${fields.attachment.fileName}"`,
    '',
    base64,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** A small but real PDF, with bytes above 0x7f so that a text round trip would show. */
const smallPdf = Buffer.concat([
  Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  Buffer.from('1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
]);

describe('service channels end to end: web form, social webhook, inbound mail and who sees the cases', () => {
  let runtime: LocalRuntime;
  let admin: Client;
  let tatraAdmin: Client;
  let karin: { contact: { id: string }; account: { id: string } };

  const submitForm = (formKey: string, body: unknown, headers?: Record<string, string>) =>
    callApi(runtime, 'POST', `/v1/public/forms/${formKey}/cases`, { body, headers });
  const postSocial = (rawBody: string, signature: string) =>
    callApi(runtime, 'POST', '/v1/webhooks/social/meta', {
      rawBody,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    });
  const deliverMail = async (raw: string | Uint8Array) => {
    const response = await fetch(runtime.inboundMailUrl, { method: 'POST', body: raw });
    expect(response.status).toBe(202);
    await runtime.settled();
  };
  const rejectedMail = async (client: Client): Promise<RejectedItem[]> => {
    const page = await client.get('/v1/service/rejected-mail?limit=100');
    expect(page.status).toBe(200);
    return page.body.items;
  };

  beforeAll(async () => {
    runtime = await startTestRuntime();
    admin = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'admin'));
    tatraAdmin = clientFor(runtime, await tokenFor(runtime, 'tatra', 'admin'));
    karin = (await admin.get('/v1/identify?email=karin@solrosen.example')).body.contacts[0];
  });
  afterAll(() => runtime.stop());

  describe('web form', () => {
    const formKey = demoChannels.norrsken.formKey;

    it('opens a case for a known contact, with the channel web', async () => {
      // Prepare
      const sent = submission();

      // Act
      const response = await submitForm(formKey, sent);
      const opened = (await casesOf(admin)).find((c) => c.number === response.body.caseNumber);

      // Assess
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ received: true, caseNumber: expect.any(Number) });
      expect(opened).toMatchObject({ subject: sent.subject, channel: 'web', contactId: karin.contact.id });
      expect(opened?.requester).toBeUndefined();
    });

    it('keeps an unknown sender as the case’s requester', async () => {
      // Prepare
      const sent = submission({
        name: 'Okänd Person',
        email: 'Okand.Person@Example.org',
        phone: '+46 70 000 00 00',
      });

      // Act
      const response = await submitForm(formKey, sent);
      const opened = (await casesOf(admin)).find((c) => c.number === response.body.caseNumber);

      // Assess
      expect(response.status).toBe(202);
      expect(opened).toMatchObject({
        channel: 'web',
        requester: { name: 'Okänd Person', email: 'okand.person@example.org', phone: '+46 70 000 00 00' },
      });
      expect(opened?.contactId).toBeUndefined();
    });

    it('accepts and drops what a bot sends: a filled honeypot, a form sent a second after it was shown', async () => {
      // Prepare
      const before = (await casesOf(admin)).length;

      // Act
      const honeypot = await submitForm(formKey, submission({ website: 'https://spam.example' }));
      const tooFast = await submitForm(formKey, submission({ startedAt: Date.now() - 1000 }));
      const after = (await casesOf(admin)).length;

      // Assess
      expect(honeypot.status).toBe(202);
      expect(honeypot.body).toEqual({ received: true });
      expect(tooFast.status).toBe(202);
      expect(tooFast.body).toEqual({ received: true });
      expect(after).toBe(before);
    });

    it('answers 404 for an unknown form key, and 400 naming a missing message or an unknown case type', async () => {
      // Prepare
      const { message: _message, ...withoutMessage } = submission();
      const before = (await casesOf(admin)).length;

      // Act
      const unknown = await submitForm('no-such-form', submission());
      const missing = await submitForm(formKey, withoutMessage);
      const unknownType = await submitForm(formKey, submission({ caseType: 'no-such-type' }));

      // Assess
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      expect(missing.status).toBe(400);
      expect(missing.body['invalid-params'].map((p: { name: string }) => p.name)).toContain('message');
      expect(unknownType.status).toBe(400);
      expect(unknownType.body['invalid-params'].map((p: { name: string }) => p.name)).toEqual(['caseType']);
      expect((await casesOf(admin)).length).toBe(before);
    });

    it('opens one case for a submission sent twice with the same Idempotency-Key', async () => {
      // Prepare
      const key = randomUUID();
      const sent = submission();

      // Act
      const first = await submitForm(formKey, sent, { 'idempotency-key': key });
      const again = await submitForm(formKey, sent, { 'idempotency-key': key });
      const matching = (await casesOf(admin)).filter((c) => c.subject === sent.subject);

      // Assess
      expect(first.body.caseNumber).toEqual(expect.any(Number));
      expect(again.status).toBe(202);
      expect(again.body).toEqual({ received: true });
      expect(matching.map((c) => c.number)).toEqual([first.body.caseNumber]);
    });

    it('refuses a form’s submissions over its bucket with 429 and retry-after', async () => {
      // Prepare: the other tenant's form, so that the norrsken form keeps its tokens.
      const tatraForm = demoChannels.tatra.formKey;
      const bot = submission({ email: 'bot@example.org', website: 'filled' });

      // Act: one after another, faster than one a second refills.
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof submitForm>> | undefined;
      for (let i = 0; i < 30 && !limited; i++) {
        const response = await submitForm(tatraForm, { ...bot, subject: `Spam ${i}` });
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }

      // Assess: the first ten at once, then a 429 that says when to come back.
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
      expect(limited?.status).toBe(429);
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });

  describe('social webhook', () => {
    const pageId = demoChannels.norrsken.pageId;

    it('answers the subscription handshake only for the verify token', async () => {
      // Act
      const verified = await callApi(
        runtime,
        'GET',
        `/v1/webhooks/social/meta?hub.mode=subscribe&hub.verify_token=${runtime.social.verifyToken}&hub.challenge=abc`,
      );
      const refused = await callApi(
        runtime,
        'GET',
        '/v1/webhooks/social/meta?hub.mode=subscribe&hub.verify_token=not-the-token&hub.challenge=abc',
      );

      // Assess
      expect(verified.status).toBe(200);
      expect(verified.headers.get('content-type')).toContain('text/plain');
      expect(verified.body).toBe('abc');
      expect(refused.status).toBe(403);
    });

    it('opens a case, threads the conversation, ignores a redelivery and opens a new case after closing', async () => {
      // Prepare
      const sender = `PSID-${randomUUID()}`;
      const first = messengerDelivery(pageId, [
        { sender, mid: `m1-${sender}`, text: 'Hej, fakturan är för hög' },
      ]);
      const second = messengerDelivery(pageId, [{ sender, mid: `m2-${sender}`, text: 'Kundnummer 1001' }]);
      const sign = (body: string) => signatureOf(runtime.social.appSecret, body);
      const conversationCases = async () =>
        (await casesOf(admin)).filter((c) => c.channel === 'social' && c.requester?.name?.includes(sender));

      // Act: a first message, then a second from the same sender.
      const opened = await postSocial(first, sign(first));
      const threaded = await postSocial(second, sign(second));
      const afterTwo = await conversationCases();

      // Assess: one case with both messages.
      expect(opened.status).toBe(200);
      expect(opened.body).toEqual({ received: 1, duplicates: 0, skipped: 0 });
      expect(threaded.body).toEqual({ received: 1, duplicates: 0, skipped: 0 });
      expect(afterTwo).toHaveLength(1);
      const socialCase = afterTwo[0] as CaseItem;
      expect(socialCase).toMatchObject({
        channel: 'social',
        subject: 'Hej, fakturan är för hög',
        messageCount: 2,
      });
      const thread = await admin.get(`/v1/cases/${socialCase.id}/messages`);
      expect(thread.body.items.map((m: { text: string; channel: string }) => [m.channel, m.text])).toEqual([
        ['social', 'Hej, fakturan är för hög'],
        ['social', 'Kundnummer 1001'],
      ]);

      // Act: Meta delivers the second message again.
      const again = await postSocial(second, sign(second));
      const afterRedelivery = await conversationCases();

      // Assess: a duplicate, nothing new.
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ received: 0, duplicates: 1, skipped: 0 });
      expect(afterRedelivery).toEqual(afterTwo);

      // Act: the case is closed, then the sender writes again, and once more.
      const current = await admin.get(`/v1/cases/${socialCase.id}`);
      const closed = await admin.post(
        `/v1/cases/${socialCase.id}/status`,
        { status: 'closed' },
        { 'if-match': current.headers.get('etag') as string },
      );
      const third = messengerDelivery(pageId, [{ sender, mid: `m3-${sender}`, text: 'En ny fråga' }]);
      const fourth = messengerDelivery(pageId, [{ sender, mid: `m4-${sender}`, text: 'Och en till' }]);
      await postSocial(third, sign(third));
      await postSocial(fourth, sign(fourth));
      const afterClosing = await conversationCases();

      // Assess: a new case for the conversation, which the next message follows; the closed one stays closed.
      expect(closed.status).toBe(200);
      expect(afterClosing).toHaveLength(2);
      const reopened = afterClosing.find((c) => c.id !== socialCase.id) as CaseItem;
      expect(reopened).toMatchObject({ channel: 'social', subject: 'En ny fråga', messageCount: 2 });
      expect(afterClosing.find((c) => c.id === socialCase.id)).toMatchObject({
        status: 'closed',
        messageCount: 2,
      });
    });

    it('stores a message’s text without the characters the text rules refuse', async () => {
      // Prepare: a NUL, a right-to-left override and a byte order mark, as JSON escapes.
      const sender = `PSID-${randomUUID()}`;
      const body = messengerDelivery(pageId, [
        { sender, mid: `m1-${sender}`, text: '\ufeffFaktura\u0000 \u202eexe.pdf\nRad två' },
      ]);

      // Act
      const response = await postSocial(body, signatureOf(runtime.social.appSecret, body));
      const opened = (await casesOf(admin)).find((c) => c.requester?.name?.includes(sender)) as CaseItem;
      const thread = await admin.get(`/v1/cases/${opened.id}/messages`);

      // Assess
      expect(response.body.received).toBe(1);
      expect(opened.subject).toBe('Faktura exe.pdf');
      expect(thread.body.items[0].text).toBe('Faktura exe.pdf\nRad två');
    });

    it('refuses a delivery with a bad signature with 401 and writes nothing', async () => {
      // Prepare
      const sender = `PSID-${randomUUID()}`;
      const body = messengerDelivery(pageId, [{ sender, mid: `m1-${sender}`, text: 'Förfalskat' }]);
      const before = await casesOf(admin);

      // Act
      const wrongSecret = await postSocial(body, signatureOf('not-the-secret', body));
      const otherBody = await postSocial(body, signatureOf(runtime.social.appSecret, `${body} `));
      const unsigned = await callApi(runtime, 'POST', '/v1/webhooks/social/meta', {
        rawBody: body,
        headers: { 'content-type': 'application/json' },
      });
      const after = await casesOf(admin);

      // Assess
      expect([wrongSecret.status, otherBody.status, unsigned.status]).toEqual([401, 401, 401]);
      expect(after).toEqual(before);
    });

    it('skips a message to a page no tenant connected', async () => {
      // Prepare
      const body = messengerDelivery('999999999999999', [
        { sender: 'PSID-x', mid: `m-${randomUUID()}`, text: 'Hej' },
      ]);
      const before = (await casesOf(admin)).length;

      // Act
      const response = await postSocial(body, signatureOf(runtime.social.appSecret, body));

      // Assess
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ received: 0, duplicates: 0, skipped: 1 });
      expect((await casesOf(admin)).length).toBe(before);
    });
  });

  describe('inbound mail safety', () => {
    it('keeps a mail with a program attached as rejected, and opens no case', async () => {
      // Prepare
      const subject = `Faktura ${randomUUID()}`;
      const before = (await casesOf(admin)).length;

      // Act
      await deliverMail(
        mailWithAttachment({
          from: 'Karin Lindqvist <karin@solrosen.example>',
          to: norrskenMailbox,
          subject,
          messageId: `${randomUUID()}@solrosen.example`,
          text: 'Se bifogad faktura.',
          attachment: {
            fileName: 'invoice.pdf.exe',
            contentType: 'application/octet-stream',
            bytes: Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
          },
        }),
      );
      const rejected = (await rejectedMail(admin)).filter((r) => r.subject === subject);

      // Assess
      expect((await casesOf(admin)).length).toBe(before);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatchObject({ reason: 'dangerous-attachment', from: 'karin@solrosen.example' });
      expect((await rejectedMail(tatraAdmin)).filter((r) => r.subject === subject)).toEqual([]);
    });

    it('keeps bytes that are no mail as malformed, and a mail without a sender as no-sender', async () => {
      // Prepare
      const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x80, 0x81, 0x9f, 0x10, 0x7f, 0x00, 0xee]);
      const subject = `Utan avsändare ${randomUUID()}`;
      const before = (await casesOf(admin)).length;

      // Act
      await deliverMail(garbage);
      await deliverMail(
        rawMail({
          to: norrskenMailbox,
          subject,
          messageId: `${randomUUID()}@nowhere.example`,
          text: 'Hej',
        }),
      );
      const withoutTenant = await new DynamoRejectedMailStore(createTable(runtime.tableName)).list(
        undefined,
        {
          limit: 100,
        },
      );
      const noSender = (await rejectedMail(admin)).filter((r) => r.subject === subject);

      // Assess
      expect(withoutTenant.items.map((r) => r.reason)).toContain('malformed');
      expect(withoutTenant.items.find((r) => r.reason === 'malformed')?.tenantId).toBeUndefined();
      expect((await rejectedMail(admin)).map((r) => r.reason)).not.toContain('malformed');
      expect(noSender).toHaveLength(1);
      expect(noSender[0]?.reason).toBe('no-sender');
      expect((await casesOf(admin)).length).toBe(before);
    });

    it('keeps a PDF from a known contact with the case, to download as sent; a reply with the token threads in', async () => {
      // Prepare
      const subject = `Mätarställning ${randomUUID()}`;

      // Act
      await deliverMail(
        mailWithAttachment({
          from: 'Karin Lindqvist <karin@solrosen.example>',
          to: `Norrsken Kundtjänst <${norrskenMailbox}>`,
          subject,
          messageId: `${randomUUID()}@solrosen.example`,
          text: 'Hej, här är en bild på mätaren.',
          attachment: { fileName: 'matare.pdf', contentType: 'application/pdf', bytes: smallPdf },
        }),
      );
      const opened = (await casesOf(admin)).find((c) => c.subject === subject) as CaseItem;
      const thread = await admin.get(`/v1/cases/${opened.id}/messages`);
      const attachment = thread.body.items[0].attachments[0];
      const link = await admin.get(`/v1/cases/${opened.id}/files/${attachment.attachmentId}`);
      const downloaded = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());

      // Assess
      expect(opened).toMatchObject({ channel: 'email', contactId: karin.contact.id, messageCount: 1 });
      expect(thread.body.items[0].attachments).toEqual([
        {
          attachmentId: expect.stringMatching(/^[0-9A-Z]{26}-1$/),
          fileName: 'matare.pdf',
          contentType: 'application/pdf',
          size: smallPdf.length,
        },
      ]);
      expect(link.status).toBe(200);
      expect(link.body.fileName).toBe('matare.pdf');
      expect(downloaded.equals(smallPdf)).toBe(true);

      // Act: a reply with the case token in its subject and no threading headers at all.
      await deliverMail(
        rawMail({
          from: 'karin@solrosen.example',
          to: norrskenMailbox,
          subject: `SV: ${subject} [#C-${opened.number}]`,
          messageId: `${randomUUID()}@solrosen.example`,
          text: 'Glömde säga: mätaren sitter i källaren.',
        }),
      );
      const after = await admin.get(`/v1/cases/${opened.id}`);
      const threadAfter = await admin.get(`/v1/cases/${opened.id}/messages`);

      // Assess
      expect(after.body.messageCount).toBe(2);
      expect(threadAfter.body.items.map((m: { text: string }) => m.text)).toEqual([
        'Hej, här är en bild på mätaren.',
        'Glömde säga: mätaren sitter i källaren.',
      ]);
      expect((await casesOf(admin)).filter((c) => c.subject.includes(subject))).toHaveLength(1);
    });
  });

  describe('who sees a case', () => {
    it('hides a norrsken case from tatra’s admin and an unowned service-team case from a sales user', async () => {
      // Prepare: a case from the web form, left in the service team without an owner.
      const settings = await admin.get('/v1/service/settings');
      const serviceTeam: string = settings.body.defaultTeamId;
      const sent = submission({ subject: `Byte av elavtal ${randomUUID()}` });
      const number = (await submitForm(demoChannels.norrsken.formKey, sent)).body.caseNumber;
      const opened = (await casesOf(admin)).find((c) => c.number === number) as CaseItem;
      const current = await admin.get(`/v1/cases/${opened.id}`);
      const unassigned = await admin.post(
        `/v1/cases/${opened.id}/assign`,
        { teamId: serviceTeam, ownerId: null },
        { 'if-match': current.headers.get('etag') as string },
      );
      const sales = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'sales'));
      const service = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'service'));

      // Act
      const fromTatra = await tatraAdmin.get(`/v1/cases/${opened.id}`);
      const fromSales = await sales.get(`/v1/cases/${opened.id}`);
      const salesThread = await sales.get(`/v1/cases/${opened.id}/messages`);
      const fromService = await service.get(`/v1/cases/${opened.id}`);

      // Assess
      expect(unassigned.status).toBe(200);
      expect(unassigned.body.teamId).toBe(serviceTeam);
      expect(unassigned.body.ownerId).toBeUndefined();
      expect(fromTatra.status).toBe(404);
      expect(fromSales.status).toBe(404);
      expect(salesThread.status).toBe(404);
      expect((await casesOf(sales)).map((c) => c.id)).not.toContain(opened.id);
      expect(fromService.status).toBe(200);
      expect(fromService.body.id).toBe(opened.id);
      expect((await casesOf(tatraAdmin)).map((c) => c.id)).not.toContain(opened.id);
    });
  });
});
