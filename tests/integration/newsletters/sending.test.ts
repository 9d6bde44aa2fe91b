import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import { DeliveryError } from '#domain/messaging/delivery-error';
import type { Mailer, OutgoingEmail } from '#domain/messaging/mailer';
import type { PageToSend } from '#domain/newsletters/newsletter-ports';
import type { Budget, NewsletterSending } from '#domain/newsletters/newsletter-sending';
import type { NewsletterService } from '#domain/newsletters/newsletter-service';
import type { SendRecord } from '#domain/newsletters/send-record';
import { accountsServices } from '#runtime/accounts-services';
import { newsletterSending } from '#runtime/newsletter-sending-services';
import { newsletterService, newsletterStores } from '#runtime/newsletters-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { freshTable, swedishTenant } from '../../support/local-table';

/** SES as the test scripts it: each call answers the next scripted outcome; with none left, it takes the mail. */
class ScriptedMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  readonly script: ('ok' | 'throttle' | 'refuse' | 'unknown')[] = [];
  private count = 0;

  async send(email: OutgoingEmail) {
    const next = this.script.shift();
    if (next === 'throttle') throw new DeliveryError('unavailable', 'SES: Maximum sending rate exceeded');
    if (next === 'refuse') throw new DeliveryError('refused', 'SES: MessageRejected');
    if (next === 'unknown') throw new DeliveryError('unknown', 'socket hang up');
    this.sent.push(email);
    this.count += 1;
    return { messageId: `ses-${this.count}` };
  }
}

const plenty: Budget = { remaining: () => 300_000 };

describe('sending a newsletter page by page', () => {
  let table: Table;
  let mailer: ScriptedMailer;
  let queued: { page: PageToSend; delaySeconds?: number }[];
  let sleeps: number[];
  let now: Date;
  let service: NewsletterService;
  let sending: NewsletterSending;
  let caller: Caller;
  let contactIds: string[];
  let keywordId: string;

  const world = async (recipients: number) => {
    table = await freshTable();
    const tenant = {
      ...swedishTenant(),
      emailSender: { name: 'Test Energi', address: 'nyheter@test.example' },
    };
    await new DynamoTenantDirectory(table).save(tenant);
    caller = { tenantId: tenant.id, userId: 'u-admin', roles: ['admin'] };
    now = new Date('2026-12-04T08:00:00Z');
    const clock = { now: () => now };
    const accounts = accountsServices({ table });
    keywordId = (await settingsServices({ table }).settings.create(caller, 'keyword', { title: 'Vinter' }))
      .value.id;
    contactIds = [];
    for (let i = 0; i < recipients; i++) {
      const created = await accounts.contacts.create(caller, {
        firstName: `Kund${i}`,
        lastName: 'Test',
        email: `kund${i}@kunder.example`,
        newsletterConsent: true,
        categoryIds: [],
        keywords: [keywordId],
      });
      contactIds.push(created.value.id);
    }
    mailer = new ScriptedMailer();
    queued = [];
    sleeps = [];
    const links = {
      url: async (_t: string, _n: string, contactId: string) => `https://crm.test/u/${contactId}`,
    };
    service = newsletterService(
      {
        table,
        mailer,
        links,
        starts: { schedule: async () => undefined, cancel: async () => undefined },
      },
      { clock },
    );
    sending = newsletterSending(
      {
        table,
        mailer,
        links,
        queue: {
          enqueue: async (pages, delaySeconds) => {
            for (const page of pages) queued.push({ page, ...(delaySeconds ? { delaySeconds } : {}) });
          },
        },
        pace: async () => undefined,
        // A pause between tries moves the test's clock instead of waiting.
        sleep: async (ms) => {
          sleeps.push(ms);
          now = new Date(now.getTime() + ms);
        },
        log: { warn: () => undefined, error: () => undefined },
      },
      { clock },
    );
  };

  const startedNewsletter = async () => {
    const draft = await service.create(caller, {
      senderName: 'Test Energi',
      senderAddress: 'nyheter@test.example',
      subject: 'Vinterbrev',
      body: '<p>Hej</p>',
      filter: { match: 'all', keywordIds: [keywordId] },
    });
    await service.review(caller, draft.value.id);
    await service.send(caller, draft.value.id);
    await sending.fanOut(caller.tenantId, draft.value.id);
    const pages = queued.splice(0).map((q) => q.page);
    return { id: draft.value.id, pages };
  };

  const recordsOf = (newsletterId: string) =>
    Promise.all(
      contactIds.map((contactId) =>
        table.client
          .send(
            new GetCommand({
              TableName: table.name,
              Key: { pk: `T#${caller.tenantId}#NL#${newsletterId}`, sk: `SEND#${contactId}` },
            }),
          )
          .then((r) => r.Item as SendRecord | undefined),
      ),
    );

  beforeEach(() => {
    sleeps = [];
  });

  it('mails each selected recipient once, also when the page comes twice at the same time', async () => {
    // Prepare
    await world(3);
    const { id, pages } = await startedNewsletter();

    // Act: the page delivered twice at once, and once more after.
    const [page] = pages as [PageToSend];
    await Promise.all([sending.sendPage(page, plenty), sending.sendPage(page, plenty)]);
    await sending.sendPage(page, plenty);

    // Assess
    expect(mailer.sent.map((m) => m.to).sort()).toEqual([
      'kund0@kunder.example',
      'kund1@kunder.example',
      'kund2@kunder.example',
    ]);
    const view = await service.view(caller, id);
    expect(view).toMatchObject({
      status: 'sent',
      progress: { sent: 3, failed: 0, skipped: 0, remaining: 0, pagesDone: 1 },
    });
  });

  it('finishes a page that stopped part-way without mailing anyone again, counting an unfinished send as failed', async () => {
    // Prepare: the first delivery got as far as two claims: one sent, one whose outcome is unknown.
    await world(4);
    const { id, pages } = await startedNewsletter();
    const { records } = newsletterStores(table);
    const [first, second] = contactIds as [string, string];
    const at = now.toISOString();
    const base = { tenantId: caller.tenantId, newsletterId: id, at };
    await records.claim({ ...base, contactId: first, email: 'kund0@kunder.example', state: 'sending' });
    await records.settle({
      ...base,
      contactId: first,
      email: 'kund0@kunder.example',
      state: 'sent',
      messageId: 'ses-earlier',
    });
    await records.claim({ ...base, contactId: second, email: 'kund1@kunder.example', state: 'sending' });

    // Act: the page is delivered again, once the queue's visibility timeout has passed.
    now = new Date(now.getTime() + 30 * 60_000);
    await sending.sendPage(pages[0] as PageToSend, plenty);

    // Assess
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['kund2@kunder.example', 'kund3@kunder.example']);
    const view = await service.view(caller, id);
    expect(view.progress).toMatchObject({ sent: 3, failed: 1, remaining: 0 });
    expect(view.status).toBe('sent');
  });

  it('retries a throttled send with back-off, and hands a page SES keeps throttling back to the queue', async () => {
    // Prepare
    await world(2);
    const { id, pages } = await startedNewsletter();
    mailer.script.push('throttle', 'throttle', 'ok', ...Array<'throttle'>(6).fill('throttle'));

    // Act: the first recipient goes after two throttles; the second is throttled every try.
    await sending.sendPage(pages[0] as PageToSend, plenty);

    // Assess: one mail, the page queued again for later, the second recipient's claim given back.
    expect(mailer.sent).toHaveLength(1);
    expect(sleeps).toHaveLength(2 + 5);
    expect(queued).toEqual([{ page: { ...pages[0], retries: 1 }, delaySeconds: 60 }]);
    const records = await recordsOf(id);
    expect(records.filter((r) => r?.state === 'sent')).toHaveLength(1);
    expect(records.filter((r) => r === undefined)).toHaveLength(1);
    expect((await service.view(caller, id)).status).toBe('sending');

    // Act: the page comes again once SES has room.
    await sending.sendPage(queued.shift()?.page as PageToSend, plenty);

    // Assess
    expect(mailer.sent).toHaveLength(2);
    expect((await service.view(caller, id)).progress).toMatchObject({ sent: 2, failed: 0 });
  });

  it('pauses a newsletter SES has refused for half an hour, and sends it once resumed', async () => {
    // Prepare
    await world(1);
    const { id, pages } = await startedNewsletter();
    mailer.script.push(...Array<'throttle'>(6).fill('throttle'));

    // Act
    await sending.sendPage({ ...(pages[0] as PageToSend), retries: 30 }, plenty);
    const paused = await service.view(caller, id);
    await service.resume(caller, id);
    await sending.fanOut(caller.tenantId, id);
    for (const { page } of queued.splice(0)) await sending.sendPage(page, plenty);

    // Assess
    expect(paused.status).toBe('paused');
    expect(mailer.sent).toHaveLength(1);
    expect((await service.view(caller, id)).status).toBe('sent');
  });

  it('counts each recipient as their send ends, and finishes the newsletter from a page already done', async () => {
    // Prepare
    await world(2);
    const { id, pages } = await startedNewsletter();
    const counted: unknown[] = [];
    const take = mailer.send.bind(mailer);
    mailer.send = async (email) => {
      counted.push((await service.view(caller, id)).progress.sent);
      return take(email);
    };
    const page = pages[0] as PageToSend;
    await sending.sendPage(page, plenty);
    // A delivery that marked the page done but stopped before finishing the newsletter.
    const { newsletters } = newsletterStores(table);
    const current = (await newsletters.get(caller.tenantId, id)) as NonNullable<
      Awaited<ReturnType<typeof newsletters.get>>
    >;
    const unfinished = { ...current, status: 'sending' as const, version: current.version + 1 };
    await newsletters.update(current, unfinished, {
      id: '01JH0000000000000000000009',
      type: 'NewsletterResumed',
      source: 'gridline.newsletters',
      tenantId: caller.tenantId,
      occurredAt: now.toISOString(),
      actor: { userId: 'test' },
      subject: { type: 'newsletter', id },
      data: { newsletter: unfinished },
    });

    // Act: the page comes again.
    await sending.sendPage(page, plenty);

    // Assess: the second mail saw the first counted; the newsletter ends sent, nobody mailed again.
    expect(counted).toEqual([0, 1]);
    expect(mailer.sent).toHaveLength(2);
    expect((await service.view(caller, id)).status).toBe('sent');
  });

  it('records a refused mail as failed, and skips a recipient whose consent was withdrawn since the review', async () => {
    // Prepare
    await world(3);
    const { id, pages } = await startedNewsletter();
    const accounts = accountsServices({ table });
    const withdrawn = contactIds[2] as string;
    const current = await accounts.contacts.get(caller, withdrawn);
    await accounts.contacts.update(caller, withdrawn, current.version, { newsletterConsent: false });
    mailer.script.push('refuse');

    // Act
    await sending.sendPage(pages[0] as PageToSend, plenty);

    // Assess
    const records = await recordsOf(id);
    expect(records.map((r) => r?.state)).toEqual(['failed', 'sent', 'skipped']);
    expect(records[2]?.reason).toBe('consent was withdrawn');
    expect((await service.view(caller, id)).progress).toMatchObject({ sent: 1, failed: 1, skipped: 1 });
  });

  it('stops a page when the newsletter is paused, and sends the rest once resumed', async () => {
    // Prepare: each send takes three seconds of the test's clock.
    await world(3);
    const { id, pages } = await startedNewsletter();
    const slowMailer = mailer.send.bind(mailer);
    let paused = false;
    mailer.send = async (email) => {
      const result = await slowMailer(email);
      now = new Date(now.getTime() + 3_000);
      if (!paused) {
        paused = true;
        await service.pause(caller, id);
      }
      return result;
    };

    // Act
    await sending.sendPage(pages[0] as PageToSend, plenty);
    const afterPause = mailer.sent.length;
    await service.resume(caller, id);
    await sending.fanOut(caller.tenantId, id);
    for (const { page } of queued.splice(0)) await sending.sendPage(page, plenty);

    // Assess
    expect(afterPause).toBe(1);
    expect(mailer.sent).toHaveLength(3);
    expect(await service.view(caller, id)).toMatchObject({ status: 'sent', progress: { sent: 3 } });
  });

  it('hands the rest of a page to a fresh invocation before its time runs out', async () => {
    // Prepare
    await world(2);
    const { pages } = await startedNewsletter();

    // Act
    await sending.sendPage(pages[0] as PageToSend, { remaining: () => 5_000 });

    // Assess
    expect(mailer.sent).toHaveLength(0);
    expect(queued.map((q) => q.page)).toEqual([pages[0]]);
  });
});
