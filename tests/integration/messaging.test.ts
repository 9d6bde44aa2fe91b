import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { RecordingSmsSender } from '#adapters/messaging/recording-sms-sender';
import { SesMailer } from '#adapters/messaging/ses-mailer';
import { messagingApi } from '#api/messaging/messaging-bindings';
import { messagingRoutes } from '#api/messaging/messaging-routes';
import { DeliveryError } from '#domain/messaging/delivery-error';
import type { Mailer } from '#domain/messaging/mailer';
import type { Message } from '#domain/messaging/message';
import { MessagingService } from '#domain/messaging/messaging-service';
import type { IdGenerator } from '#domain/ports';
import { createHttpHandler } from '#http/http-handler';
import { type RouteContract, routeKeyOf } from '#http/route';
import { messagingServices } from '#runtime/messaging-services';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { outboxEventEntity } from '#table/core/entities';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { messageEntity } from '#table/messaging/entities';
import { DynamoMessageStore } from '#table/messaging/message-store';
import type { SesLocalEmail, SesLocalStore } from '../../lib/local/ses-local';
import { answerOf, httpEvent } from '../support/http-event';
import { servicesWithTenants, swedishTenant } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;
type Actor = Setup['se'];

const sesEndpoint = inject('sesEndpoint');
const ses = new SESv2Client({
  endpoint: sesEndpoint,
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const sender = { name: 'Norrsken Energi Kundtjänst', address: 'kundservice@norrsken.example' };

async function mailsTo(address: string): Promise<SesLocalEmail[]> {
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as SesLocalStore;
  return store.emails.filter((e) => e.destination.to.includes(address));
}

/** The display name and address of a From header as SES received it. */
function readMailbox(header: string): { name: string; address: string } {
  const [, phrase = '', address = ''] = /^(.*) <(.*)>$/.exec(header) ?? [];
  const name = phrase
    .split(' ')
    .map((word) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(word)?.[1] ?? '', 'base64'))
    .reduce((all, bytes) => Buffer.concat([all, bytes]), Buffer.alloc(0))
    .toString('utf8');
  return { name, address };
}

describe('e-mail and SMS to a contact', () => {
  let setup: Setup;
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });

  beforeAll(async () => {
    setup = await servicesWithTenants();
    // The Swedish tenant has its senders configured; the Slovak one has none.
    await new DynamoTenantDirectory(setup.table).save({
      ...swedishTenant(setup.se.tenantId),
      emailSender: sender,
      smsSender: 'Norrsken',
    });
  });

  /** The HTTP API of messaging over the test table, with the mailer and SMS sender given. */
  function api(options: { mailer?: Mailer; sms?: RecordingSmsSender; ids?: IdGenerator } = {}) {
    const sms = options.sms ?? new RecordingSmsSender();
    const services = messagingServices(
      { table: setup.table, mailer: options.mailer ?? new SesMailer(ses), sms },
      options.ids ? { ids: options.ids } : {},
    );
    const handle = createHttpHandler(messagingApi(services), logger);
    const call = async (
      route: RouteContract,
      contactId: string,
      options: { body?: unknown; headers?: Record<string, string>; actor?: Actor; role?: string } = {},
    ) => {
      const { actor = setup.se, role = 'sales', ...request } = options;
      const caller = { tenantId: actor.tenantId, userId: actor.userId, roles: [role] };
      return answerOf(
        await handle(httpEvent(routeKeyOf(route), caller, { ...request, params: { contactId } })),
      );
    };
    return {
      sms,
      sendEmail: (
        contactId: string,
        body: unknown,
        options: { headers?: Record<string, string>; actor?: Actor; role?: string } = {},
      ) => call(messagingRoutes.sendContactEmail, contactId, { ...options, body }),
      sendSms: (
        contactId: string,
        body: unknown,
        options: { headers?: Record<string, string>; actor?: Actor } = {},
      ) => call(messagingRoutes.sendContactSms, contactId, { ...options, body }),
      messages: (contactId: string) => call(messagingRoutes.listContactMessages, contactId),
    };
  }

  async function contact(
    fields: { email?: string; phones?: string[] } = {},
    actor: Actor = setup.se,
  ): Promise<{ id: string; accountId: string; email?: string }> {
    const account = await setup.services.accounts.create(actor, {
      name: `Bageri ${randomUUID().slice(0, 8)}`,
      customerType: 'B2B',
    });
    const created = await setup.services.contacts.create(actor, {
      firstName: 'Anna',
      lastName: 'Svensson',
      accountId: account.value.id,
      ...fields,
    });
    return { id: created.value.id, accountId: account.value.id, email: created.value.email };
  }

  const uniqueEmail = () => `anna.${randomUUID()}@example.se`;

  async function item(key: { pk: string; sk: string }) {
    const { Item } = await setup.table.client.send(
      new GetCommand({ TableName: setup.table.name, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  describe('POST /v1/contacts/{contactId}/emails', () => {
    it("sends the e-mail from the tenant's sender to the contact, and records it with an EmailSent event", async () => {
      // Prepare
      const email = uniqueEmail();
      const anna = await contact({ email });
      const ids = recordingIds();
      const { sendEmail } = api({ ids });

      // Act
      const response = await sendEmail(anna.id, {
        subject: 'Din offert från Norrsken',
        text: 'Hej Anna!\n\nHär kommer offerten för ditt nya elavtal.',
      });

      // Assess
      expect(response.status).toBe(201);
      const message = response.body as Message;
      expect(message).toMatchObject({
        contactId: anna.id,
        accountId: anna.accountId,
        channel: 'email',
        from: sender.address,
        to: email,
        subject: 'Din offert från Norrsken',
        excerpt: 'Hej Anna! Här kommer offerten för ditt nya elavtal.',
        state: 'sent',
        sentBy: setup.se.userId,
      });
      const [mail, ...more] = await mailsTo(email);
      expect(more).toEqual([]);
      expect(mail?.messageId).toBe(message.providerMessageId);
      expect(readMailbox(mail?.from ?? '')).toEqual(sender);
      expect(mail).toMatchObject({
        destination: { to: [email], cc: [], bcc: [] },
        subject: 'Din offert från Norrsken',
        body: { text: 'Hej Anna!\n\nHär kommer offerten för ditt nya elavtal.' },
      });
      expect(
        await item(
          messageEntity.key({ tenantId: setup.se.tenantId, contactId: anna.id, messageId: message.id }),
        ),
      ).toMatchObject({
        entity: 'Message',
        state: 'sent',
        providerMessageId: message.providerMessageId,
      });
      const [messageId, eventId] = ids.issued;
      expect(messageId).toBe(message.id);
      expect(
        await item(outboxEventEntity.key({ tenantId: setup.se.tenantId, eventId: eventId as string })),
      ).toMatchObject({
        entity: 'Outbox',
        event: {
          type: 'EmailSent',
          source: 'gridline.accounts',
          tenantId: setup.se.tenantId,
          actor: { userId: setup.se.userId },
          subject: { type: 'contact', id: anna.id, accountId: anna.accountId },
          data: { message: { id: message.id, subject: 'Din offert från Norrsken', state: 'sent' } },
        },
      });
    });

    it('refuses a contact without an e-mail address with 409 naming `email`, and sends nothing', async () => {
      // Prepare
      const anna = await contact();
      const { sendEmail, messages } = api();

      // Act
      const response = await sendEmail(anna.id, { subject: 'Offert', text: 'Hej' });

      // Assess
      expect(response.status).toBe(409);
      expect(response.body['invalid-params']).toEqual([
        { name: 'email', reason: 'the contact has no e-mail address' },
      ]);
      expect((await messages(anna.id)).body.items).toEqual([]);
    });

    it("refuses another recipient than the contact's own address with 400 naming `to`", async () => {
      // Prepare
      const anna = await contact({ email: uniqueEmail() });
      const stranger = uniqueEmail();
      const { sendEmail } = api();

      // Act
      const response = await sendEmail(anna.id, { subject: 'Offert', text: 'Hej', to: stranger });

      // Assess
      expect(response.status).toBe(400);
      expect(response.body['invalid-params']).toEqual([
        { name: 'to', reason: "must be the contact's own e-mail address" },
      ]);
      expect(await mailsTo(stranger)).toEqual([]);
    });

    it('refuses to send for a tenant without a configured sender with 409', async () => {
      // Prepare
      const email = uniqueEmail();
      const jana = await contact({ email }, setup.sk);
      const { sendEmail } = api();

      // Act
      const response = await sendEmail(
        jana.id,
        { subject: 'Ponuka', text: 'Dobrý deň' },
        { actor: setup.sk },
      );

      // Assess
      expect(response.status).toBe(409);
      expect(response.body.detail).toBe('the tenant has no e-mail sender configured');
      expect(await mailsTo(email)).toEqual([]);
    });

    it("answers 404 for another tenant's contact, and sends nothing", async () => {
      // Prepare
      const email = uniqueEmail();
      const anna = await contact({ email });
      const { sendEmail } = api();

      // Act
      const response = await sendEmail(anna.id, { subject: 'Offert', text: 'Hej' }, { actor: setup.sk });

      // Assess
      expect(response.status).toBe(404);
      expect(await mailsTo(email)).toEqual([]);
    });

    it('does not let a viewer send', async () => {
      // Prepare
      const anna = await contact({ email: uniqueEmail() });
      const { sendEmail } = api();

      // Act
      const response = await sendEmail(anna.id, { subject: 'Offert', text: 'Hej' }, { role: 'viewer' });

      // Assess
      expect(response.status).toBe(403);
    });

    it('names every missing or unknown field of a bad body', async () => {
      // Prepare
      const anna = await contact({ email: uniqueEmail() });
      const { sendEmail } = api();

      // Act
      const response = await sendEmail(anna.id, { text: 'Hej', cc: 'x@example.se' });

      // Assess
      expect(response.status).toBe(400);
      expect(response.body['invalid-params'].map((f: { name: string }) => f.name).sort()).toEqual([
        'cc',
        'subject',
      ]);
    });

    it('sends once for two requests with the same Idempotency-Key, and answers the second like the first', async () => {
      // Prepare
      const email = uniqueEmail();
      const anna = await contact({ email });
      const { sendEmail } = api();
      const headers = { 'idempotency-key': randomUUID() };
      const body = { subject: 'Din offert', html: '<p>Hej Anna!</p>' };

      // Act
      const first = await sendEmail(anna.id, body, { headers });
      const second = await sendEmail(anna.id, body, { headers });

      // Assess
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(first.body).toMatchObject({ state: 'sent', version: 2, excerpt: 'Hej Anna!' });
      expect(await mailsTo(email)).toHaveLength(1);
    });

    it('refuses an Idempotency-Key reused with another body with 422, and sends nothing more', async () => {
      // Prepare
      const email = uniqueEmail();
      const anna = await contact({ email });
      const { sendEmail } = api();
      const headers = { 'idempotency-key': randomUUID() };
      await sendEmail(anna.id, { subject: 'Din offert', text: 'Hej' }, { headers });

      // Act
      const response = await sendEmail(anna.id, { subject: 'Din faktura', text: 'Hej' }, { headers });

      // Assess
      expect(response.status).toBe(422);
      expect(await mailsTo(email)).toHaveLength(1);
    });

    it('keeps a refused e-mail as failed, and sends it on a retry with the same key', async () => {
      // Prepare
      const email = uniqueEmail();
      const anna = await contact({ email });
      const realMailer = new SesMailer(ses);
      const mailer: Mailer = {
        send: vi
          .fn<Mailer['send']>()
          .mockRejectedValueOnce(
            new DeliveryError('unavailable', 'SES did not take the message; try again later'),
          )
          .mockImplementation((e) => realMailer.send(e)),
      };
      const { sendEmail, messages } = api({ mailer });
      const headers = { 'idempotency-key': randomUUID() };
      const body = { subject: 'Din offert', text: 'Hej Anna!' };

      // Act
      const first = await sendEmail(anna.id, body, { headers });
      const afterFirst = (await messages(anna.id)).body.items;
      const retry = await sendEmail(anna.id, body, { headers });

      // Assess
      expect(first.status).toBe(503);
      expect(first.body.type).toBe('urn:gridline:problem:delivery-unavailable');
      expect(afterFirst).toMatchObject([{ state: 'failed', failure: expect.stringContaining('try again') }]);
      expect(retry.status).toBe(201);
      expect(retry.body).toMatchObject({ id: afterFirst[0].id, state: 'sent' });
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await mailsTo(email)).toHaveLength(1);
      expect((await messages(anna.id)).body.items).toMatchObject([{ id: afterFirst[0].id, state: 'sent' }]);
    });

    it('never sends again under a key whose first send had no answer', async () => {
      // Prepare
      const anna = await contact({ email: uniqueEmail() });
      const send = vi
        .fn<Mailer['send']>()
        .mockRejectedValue(
          new DeliveryError('unknown', 'SES did not answer; the message may have been sent'),
        );
      const { sendEmail, messages } = api({ mailer: { send } });
      const headers = { 'idempotency-key': randomUUID() };
      const body = { subject: 'Din offert', text: 'Hej Anna!' };

      // Act
      const first = await sendEmail(anna.id, body, { headers });
      const retry = await sendEmail(anna.id, body, { headers });

      // Assess
      expect(first.status).toBe(504);
      expect(retry.status).toBe(409);
      expect(retry.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual(['Idempotency-Key']);
      expect(send).toHaveBeenCalledTimes(1);
      expect((await messages(anna.id)).body.items).toMatchObject([{ state: 'sending' }]);
    });

    it('records nothing when the provider refuses an e-mail sent without a key', async () => {
      // Prepare
      const anna = await contact({ email: uniqueEmail() });
      const send = vi
        .fn<Mailer['send']>()
        .mockRejectedValue(new DeliveryError('refused', 'SES refused the message (MessageRejected)'));
      const { sendEmail, messages } = api({ mailer: { send } });

      // Act
      const response = await sendEmail(anna.id, { subject: 'Din offert', text: 'Hej' });

      // Assess
      expect(response.status).toBe(502);
      expect(response.body.detail).toContain('MessageRejected');
      expect((await messages(anna.id)).body.items).toEqual([]);
    });
  });

  describe('POST /v1/contacts/{contactId}/sms', () => {
    it("texts the contact's first mobile number from the tenant's sender id, and records it with an SmsSent event", async () => {
      // Prepare
      const anna = await contact({ phones: ['08-765 43 21', '070-123 45 67'] });
      const ids = recordingIds();
      const { sendSms, sms } = api({ ids });

      // Act
      const response = await sendSms(anna.id, { text: 'Hej Anna! Din mätare byts på tisdag.' });

      // Assess
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        channel: 'sms',
        from: 'Norrsken',
        to: '+46701234567',
        excerpt: 'Hej Anna! Din mätare byts på tisdag.',
        state: 'sent',
      });
      expect(sms.sent).toMatchObject([
        {
          messageId: response.body.providerMessageId,
          from: 'Norrsken',
          to: '+46701234567',
          body: 'Hej Anna! Din mätare byts på tisdag.',
        },
      ]);
      expect(
        await item(outboxEventEntity.key({ tenantId: setup.se.tenantId, eventId: ids.issued[1] as string })),
      ).toMatchObject({
        event: {
          type: 'SmsSent',
          subject: { type: 'contact', id: anna.id, accountId: anna.accountId },
          data: { message: { excerpt: 'Hej Anna! Din mätare byts på tisdag.' } },
        },
      });
    });

    it("texts another of the contact's numbers when asked, in any common format", async () => {
      // Prepare
      const anna = await contact({ phones: ['070-123 45 67', '073-765 43 21'] });
      const { sendSms, sms } = api();

      // Act
      const response = await sendSms(anna.id, { text: 'Hej', to: '+46 73 765 43 21' });

      // Assess
      expect(response.status).toBe(201);
      expect(sms.sent.map((m) => m.to)).toEqual(['+46737654321']);
    });

    it("refuses a number that is not the contact's with 400 naming `to`", async () => {
      // Prepare
      const anna = await contact({ phones: ['070-123 45 67'] });
      const { sendSms, sms } = api();

      // Act
      const response = await sendSms(anna.id, { text: 'Hej', to: '070-999 99 99' });

      // Assess
      expect(response.status).toBe(400);
      expect(response.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual(['to']);
      expect(sms.sent).toEqual([]);
    });

    it('refuses a contact whose only number is a landline with a 422 problem, and texts nothing', async () => {
      // Prepare
      const anna = await contact({ phones: ['08-765 43 21'] });
      const { sendSms, sms } = api();

      // Act
      const implicit = await sendSms(anna.id, { text: 'Hej' });
      const asked = await sendSms(anna.id, { text: 'Hej', to: '08-765 43 21' });

      // Assess
      expect([implicit.status, asked.status]).toEqual([422, 422]);
      expect(implicit.headers['content-type']).toBe('application/problem+json');
      expect(implicit.body).toMatchObject({
        type: 'urn:gridline:problem:unprocessable',
        status: 422,
        detail:
          'the contact has no number that takes a text message: +4687654321 is a fixed-line number; text messages go to mobile numbers',
      });
      expect(implicit.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual(['phones']);
      expect(asked.body['invalid-params']).toEqual([
        { name: 'to', reason: '+4687654321 is a fixed-line number; text messages go to mobile numbers' },
      ]);
      expect(sms.sent).toEqual([]);
    });

    it('refuses a contact without phone numbers with 409 naming `phones`', async () => {
      // Prepare
      const anna = await contact({ email: uniqueEmail() });
      const { sendSms, sms } = api();

      // Act
      const response = await sendSms(anna.id, { text: 'Hej' });

      // Assess
      expect(response.status).toBe(409);
      expect(response.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual(['phones']);
      expect(sms.sent).toEqual([]);
    });

    it("answers 404 for another tenant's contact, and texts nothing", async () => {
      // Prepare
      const anna = await contact({ phones: ['070-123 45 67'] });
      const { sendSms, sms } = api();

      // Act
      const response = await sendSms(anna.id, { text: 'Hej' }, { actor: setup.sk });

      // Assess
      expect(response.status).toBe(404);
      expect(sms.sent).toEqual([]);
    });

    it('refuses a text over 1600 characters with 400 naming `text`', async () => {
      // Prepare
      const anna = await contact({ phones: ['070-123 45 67'] });
      const { sendSms } = api();

      // Act
      const response = await sendSms(anna.id, { text: 'a'.repeat(1601) });

      // Assess
      expect(response.status).toBe(400);
      expect(response.body['invalid-params'].map((f: { name: string }) => f.name)).toEqual(['text']);
    });
  });

  describe('GET /v1/contacts/{contactId}/messages', () => {
    it("lists the contact's e-mails and texts, newest first", async () => {
      // Prepare
      const anna = await contact({ email: uniqueEmail(), phones: ['070-123 45 67'] });
      const { sendEmail, sendSms, messages } = api();
      await sendEmail(anna.id, { subject: 'Först', text: 'Hej' });
      await sendSms(anna.id, { text: 'Sedan' });

      // Act
      const response = await messages(anna.id);

      // Assess
      expect(response.status).toBe(200);
      expect(response.body.items.map((m: Message) => [m.channel, m.excerpt])).toEqual([
        ['sms', 'Sedan'],
        ['email', 'Hej'],
      ]);
    });
  });

  describe('a message sent whose record cannot be written', () => {
    it('is logged, and the sender is told it was sent', async () => {
      // Prepare
      const anna = await contact({ phones: ['070-123 45 67'] });
      const store = new DynamoMessageStore(setup.table);
      store.recordSent = () => Promise.reject(new Error('ProvisionedThroughputExceededException'));
      const log = { error: vi.fn() };
      const sms = new RecordingSmsSender();
      const ulid = monotonicFactory();
      const service = new MessagingService({
        tenants: new DynamoTenantDirectory(setup.table),
        clock: { now: () => new Date() },
        ids: { next: () => ulid() },
        contacts: new DynamoContactStore(setup.table),
        messages: store,
        mailer: new SesMailer(ses),
        sms,
        log,
      });

      // Act
      const result = await service.sendSms(setup.se, anna.id, { text: 'Hej' });

      // Assess
      expect(result.value.state).toBe('sent');
      expect(sms.sent).toHaveLength(1);
      expect(log.error).toHaveBeenCalledWith(
        'message sent but not recorded',
        expect.objectContaining({ message: expect.objectContaining({ id: result.value.id, state: 'sent' }) }),
      );
    });
  });
});
