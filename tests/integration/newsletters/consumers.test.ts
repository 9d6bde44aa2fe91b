import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import type { PageToSend, ScheduledStart } from '#domain/newsletters/newsletter-ports';
import { accountsServices } from '#runtime/accounts-services';
import { mailFeedbackConsumer } from '#runtime/mail-feedback-consumer';
import { newsletterSenderConsumer } from '#runtime/newsletter-sender-consumer';
import { mailFeedbackRecorder, newsletterStores } from '#runtime/newsletters-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { freshTable, swedishTenant } from '../../support/local-table';

const sample = (name: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../events/ses', name), 'utf8'));
const batchOf = (...bodies: string[]): SQSEvent =>
  ({ Records: bodies.map((body, i) => ({ messageId: `m-${i}`, body })) }) as SQSEvent;
const quiet = { info: () => undefined, error: () => undefined };

describe('the newsletter sender’s queue consumer', () => {
  it('hands pages, scheduled starts and started sends to the sender, and refuses anything else', async () => {
    // Prepare
    const calls: unknown[] = [];
    const consumer = newsletterSenderConsumer({
      sending: {
        sendPage: async (page: PageToSend) => void calls.push(page),
        startScheduled: async (start: ScheduledStart) => void calls.push(start),
        fanOut: async (tenantId: string, newsletterId: string) =>
          void calls.push({ fanOut: newsletterId, tenantId }),
      },
      logger: quiet,
    });
    const page = { kind: 'page', tenantId: 't', newsletterId: 'n', reviewId: 'r', first: 'c' };
    const start = { kind: 'start', tenantId: 't', newsletterId: 'n', at: '2026-12-04T10:00:00.000Z' };
    const event = (type: string) =>
      JSON.stringify({
        id: 'e',
        'detail-type': type,
        source: 'gridline.newsletters',
        detail: {
          id: '01JH0000000000000000000001',
          type,
          source: 'gridline.newsletters',
          tenantId: 't',
          occurredAt: '2026-12-04T10:00:00.000Z',
          actor: { userId: 'u' },
          subject: { type: 'newsletter', id: 'n' },
          data: { newsletter: { id: 'n' } },
        },
      });

    // Act
    const answer = await consumer(
      batchOf(
        JSON.stringify(page),
        JSON.stringify(start),
        event('NewsletterSendStarted'),
        'not json',
        JSON.stringify({ kind: 'page', tenantId: 't' }),
        event('NewsletterPaused'),
      ),
    );

    // Assess
    expect(calls).toEqual([page, start, { fanOut: 'n', tenantId: 't' }]);
    expect(answer).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-3' }, { itemIdentifier: 'm-4' }, { itemIdentifier: 'm-5' }],
    });
  });
});

describe('the mail feedback consumer', () => {
  let table: Table;
  let caller: Caller;
  let karin: string;

  beforeAll(async () => {
    table = await freshTable();
    const tenant = { ...swedishTenant('norrsken'), id: 'norrsken' };
    await new DynamoTenantDirectory(table).save(tenant);
    caller = { tenantId: 'norrsken', userId: 'u-admin', roles: ['admin'] };
    karin = (
      await accountsServices({ table }).contacts.create(caller, {
        firstName: 'Karin',
        lastName: 'Sol',
        email: 'karin@solrosen.example',
        newsletterConsent: true,
      })
    ).value.id;
  });

  it('suppresses and withdraws once for a complaint delivered twice, counting it once; refuses what is not SES’s', async () => {
    // Prepare
    const complaint = sample('complaint.json');
    complaint.detail.mail.tags.contact = [karin];
    const consumer = mailFeedbackConsumer({ recorder: mailFeedbackRecorder(table), logger: quiet });
    const unreadable = { ...complaint, id: 'other', detail: { eventType: 'Complaint' } };

    // Act: the same event twice (a redelivery), out of order with a delivery, and two poison messages.
    const delivery = {
      ...complaint,
      id: 'delivery-1',
      'detail-type': 'Email Delivered',
      detail: {
        eventType: 'Delivery',
        mail: complaint.detail.mail,
        delivery: { recipients: ['karin@solrosen.example'], timestamp: '2027-01-12T08:31:07.000Z' },
      },
    };
    const first = await consumer(batchOf(JSON.stringify(complaint), JSON.stringify(delivery)));
    const second = await consumer(
      batchOf(JSON.stringify(complaint), JSON.stringify(delivery), 'not json', JSON.stringify(unreadable)),
    );

    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }] });
    const stores = newsletterStores(table);
    const suppressions = await stores.suppressions.list('norrsken', { limit: 10 });
    expect(suppressions.items).toEqual([
      expect.objectContaining({ email: 'karin@solrosen.example', reason: 'complaint', detail: 'abuse' }),
    ]);
    const history = await stores.consent.history('norrsken', karin, { limit: 10 });
    expect(history.items.map((c) => [c.granted, c.source])).toEqual([
      [false, 'complaint'],
      [true, 'user'],
    ]);
    expect((await stores.contacts.get('norrsken', karin))?.newsletterConsent).toBe(false);
    const progress = await stores.newsletters.progress('norrsken', '01JH0000000000000000000000');
    expect(progress).toMatchObject({ complained: 1, delivered: 1, bounced: 0 });
  });
});
