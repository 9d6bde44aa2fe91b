import { randomUUID } from 'node:crypto';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { RecordingSmsSender } from '#adapters/messaging/recording-sms-sender';
import { SesMailer } from '#adapters/messaging/ses-mailer';
import { historyOf } from '#domain/audit';
import { NotFoundError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { TimelineEntry } from '#domain/timeline/timeline';
import { accountsServices } from '#runtime/accounts-services';
import { messagingServices } from '#runtime/messaging-services';
import { timelineServices } from '#runtime/timeline-services';
import { outboxEventEntity } from '#table/core/entities';
import { DynamoHistoryStore } from '#table/core/history-store';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { servicesWithTenants, swedishTenant } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const ses = new SESv2Client({
  endpoint: inject('sesEndpoint'),
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

describe('the timeline of an account and of a contact', () => {
  let setup: Setup;
  let timeline: ReturnType<typeof timelineServices>['timeline'];
  let accountId: string;
  let contactId: string;

  /**
   * What the audit recorder does with each event the stream relays: every
   * outbox item written so far becomes a history entry of its subjects.
   */
  async function recordHistory(table: Setup['table'], tenantId: string, ids: readonly string[]) {
    const history = new DynamoHistoryStore(table);
    for (const id of ids) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: outboxEventEntity.key({ tenantId, eventId: id }),
          ConsistentRead: true,
        }),
      );
      if (!Item) continue;
      const { entry, subjects } = historyOf(Item.event as DomainEvent);
      await history.record(tenantId, entry, subjects);
    }
  }

  beforeAll(async () => {
    setup = await servicesWithTenants();
    await new DynamoTenantDirectory(setup.table).save({
      ...swedishTenant(setup.se.tenantId),
      emailSender: { name: 'Norrsken Energi Kundtjänst', address: 'kundservice@norrsken.example' },
    });
    const ids = recordingIds();
    const crm = accountsServices({ table: setup.table }, { ids });
    const { messaging } = messagingServices(
      { table: setup.table, mailer: new SesMailer(ses), sms: new RecordingSmsSender() },
      { ids },
    );
    const actor = setup.se;
    const account = await crm.accounts.create(actor, { name: 'Bageri Solrosen AB', customerType: 'B2B' });
    accountId = account.value.id;
    const contact = await crm.contacts.create(actor, {
      firstName: 'Anna',
      lastName: 'Svensson',
      email: `anna.${randomUUID()}@example.se`,
      phones: ['070-123 45 67'],
      accountId,
    });
    contactId = contact.value.id;
    await crm.contacts.update(actor, contactId, 1, { lastName: 'Berg' });
    await crm.subjects.addNote(actor, { type: 'contact', id: contactId }, 'Ringde om flytten till Umeå.');
    await crm.subjects.addNote(actor, { type: 'account', id: accountId }, 'Ny ägare från april.');
    await messaging.sendEmail(actor, contactId, { subject: 'Din offert', text: 'Hej Anna!' });
    await messaging.sendSms(actor, contactId, { text: 'Vi ringer dig i morgon.' });
    await recordHistory(setup.table, actor.tenantId, ids.issued);
    timeline = timelineServices({ table: setup.table }).timeline;
  });

  const lines = (items: readonly TimelineEntry[]) => items.map((e) => [e.kind, e.title, e.summary]);

  it("shows a contact's e-mails, texts, notes and changes, newest first", async () => {
    // Act
    const page = await timeline.forContact(setup.se, contactId, { limit: 25 });

    // Assess
    expect(lines(page.items)).toEqual([
      ['sms', 'SMS sent', 'Vi ringer dig i morgon.'],
      ['email', 'E-mail sent', 'Din offert'],
      ['note', 'Note added', 'Ringde om flytten till Umeå.'],
      ['change', 'Contact updated', 'Changed lastName'],
      ['created', 'Contact created', 'Anna Svensson'],
    ]);
    expect(page.items[0]).toMatchObject({
      actorId: setup.se.userId,
      subject: { type: 'contact', id: contactId },
    });
    expect(page.nextCursor).toBeUndefined();
  });

  it("shows an account's own entries and its contacts' in one feed", async () => {
    // Act
    const page = await timeline.forAccount(setup.se, accountId, { limit: 25 });

    // Assess
    expect(page.items.map((e) => [e.kind, e.subject.type, e.summary])).toEqual([
      ['sms', 'contact', 'Vi ringer dig i morgon.'],
      ['email', 'contact', 'Din offert'],
      ['note', 'account', 'Ny ägare från april.'],
      ['note', 'contact', 'Ringde om flytten till Umeå.'],
      ['change', 'contact', 'Changed lastName'],
      ['created', 'contact', 'Anna Svensson'],
      ['created', 'account', 'Bageri Solrosen AB'],
    ]);
  });

  it('pages through the feed without losing or repeating an entry', async () => {
    // Act
    const first = await timeline.forAccount(setup.se, accountId, { limit: 3 });
    const second = await timeline.forAccount(setup.se, accountId, { limit: 3, cursor: first.nextCursor });
    const third = await timeline.forAccount(setup.se, accountId, { limit: 3, cursor: second.nextCursor });

    // Assess
    const all = await timeline.forAccount(setup.se, accountId, { limit: 25 });
    expect([...first.items, ...second.items, ...third.items].map((e) => e.eventId)).toEqual(
      all.items.map((e) => e.eventId),
    );
    expect(first.items).toHaveLength(3);
    expect(third.nextCursor).toBeUndefined();
  });

  it("answers 404 for another tenant's account or contact", async () => {
    // Act
    const account = timeline.forAccount(setup.sk, accountId, { limit: 25 });
    const contact = timeline.forContact(setup.sk, contactId, { limit: 25 });

    // Assess
    // Both handlers are attached at once, so neither rejection is ever unhandled.
    await Promise.all([
      expect(account).rejects.toBeInstanceOf(NotFoundError),
      expect(contact).rejects.toBeInstanceOf(NotFoundError),
    ]);
  });

  it('answers 404 for a deleted contact', async () => {
    // Prepare
    const crm = accountsServices({ table: setup.table });
    const gone = await crm.contacts.create(setup.se, { firstName: 'Erik', lastName: 'Lund', accountId });
    await crm.contacts.remove(setup.se, gone.value.id);

    // Act
    const feed = timeline.forContact(setup.se, gone.value.id, { limit: 25 });

    // Assess
    await expect(feed).rejects.toBeInstanceOf(NotFoundError);
  });
});
