import { describe, expect, it } from 'vitest';
import { createAccount } from '#domain/accounts/account';
import { newAccountEvent } from '#domain/accounts/account-events';
import { eventModules, eventNames, eventNamesOf } from '#domain/event-catalogue';
import { readDomainEvent } from '#domain/event-reading';
import { newImportEvent } from '#domain/import/import-events';
import { newSettingsEvent } from '#domain/settings/settings-events';
import type { ChangeContext } from '#domain/stamps';

const ctx: ChangeContext = {
  tenant: {
    id: 'norrsken',
    name: 'Norrsken Energi AB',
    country: 'SE',
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
  },
  userId: 'anna',
  now: new Date('2026-03-02T09:00:00.000Z'),
};
const ids = { ids: { next: () => '01KEVENT000000000000000001' } };
const account = createAccount(
  '01KACCOUNT0000000000000001',
  { name: 'Bageri Solrosen AB', customerType: 'B2B' },
  ctx,
);

/** The event as a consumer gets it: through JSON, then read against the catalogue. */
const delivered = (event: unknown) => readDomainEvent(JSON.parse(JSON.stringify(event)));

describe('the events catalogue', () => {
  it('defines each event in one module, and all events of a module on one bus source', () => {
    // Act
    const names = Object.values(eventModules).flatMap((events) => Object.keys(events));
    const sources = Object.entries(eventModules).map(([module, events]) => [
      module,
      [...new Set(Object.values(events).map((definition) => definition.source))],
    ]);

    // Assess
    expect(names.toSorted()).toEqual([...eventNames].toSorted());
    expect(new Set(names).size).toBe(names.length);
    expect(sources.filter(([, found]) => found?.length !== 1)).toEqual([]);
  });

  it('names the events of a bus source', () => {
    expect(eventNamesOf('gridline.users')).toEqual([
      'UserCreated',
      'UserUpdated',
      'UserRolesChanged',
      'UserDeactivated',
      'UserReactivated',
    ]);
  });
});

describe('the event factories', () => {
  it('give the event a new id, its definition’s source, and the tenant, user and time of the change', () => {
    // Act
    const event = newAccountEvent(ids, ctx, 'AccountCreated', {
      subject: { type: 'account', id: account.id },
      data: { account },
    });

    // Assess
    expect(event).toEqual({
      id: '01KEVENT000000000000000001',
      type: 'AccountCreated',
      source: 'gridline.accounts',
      tenantId: 'norrsken',
      occurredAt: '2026-03-02T09:00:00.000Z',
      actor: { userId: 'anna' },
      subject: { type: 'account', id: account.id },
      data: { account },
    });
  });

  it('take only the subject and the payload of the named event, as the reader does', () => {
    // Act
    const wrong = [
      newAccountEvent(ids, ctx, 'AccountCreated', {
        // @ts-expect-error: an account's event is about the account
        subject: { type: 'lead', id: 'lead-1' },
        data: { account },
      }),
      newAccountEvent(ids, ctx, 'AccountDeleted', {
        subject: { type: 'account', id: account.id },
        // @ts-expect-error: AccountDeleted carries the account's id, not the account
        data: { account },
      }),
    ];

    // Assess
    expect(wrong.map((event) => delivered(event).ok)).toEqual([false, false]);
  });

  it('make events that a consumer reads back as the same events', () => {
    // Prepare
    const made = [
      newAccountEvent(ids, ctx, 'AccountUpdated', {
        subject: { type: 'account', id: account.id },
        data: { account },
        changes: [{ field: 'name', from: 'Solrosen', to: account.name }],
      }),
      newSettingsEvent(ids, ctx, 'MoveCustomersContinued', {
        subject: { type: 'job', id: 'job-1' },
        data: { jobId: 'job-1', step: 3, done: 300, total: 1000 },
      }),
      newImportEvent(ids, ctx, 'ImportFailed', {
        subject: { type: 'import', id: 'import-1' },
        data: { importId: 'import-1', run: 1, failure: { message: 'row 2: not UTF-8', row: 2 } },
      }),
    ];

    // Act
    const read = made.map(delivered);

    // Assess
    expect(read).toEqual(made.map((event) => ({ ok: true, event })));
  });
});

describe('readDomainEvent', () => {
  const valid = newAccountEvent(ids, ctx, 'AccountDeleted', {
    subject: { type: 'account', id: account.id },
    data: { accountId: account.id },
  });

  it('refuses an event with another source, subject type or payload than its type defines', () => {
    // Act
    const reasons = [
      { ...valid, source: 'gridline.sales' },
      { ...valid, subject: { type: 'lead', id: 'lead-1' } },
      { ...valid, data: { accountId: 42 } },
      { ...valid, occurredAt: 'yesterday' },
    ].map((event) => delivered(event));

    // Assess
    expect(reasons).toEqual([
      {
        ok: false,
        reason: 'not a valid AccountDeleted event: source: Invalid input: expected "gridline.accounts"',
      },
      {
        ok: false,
        reason: 'not a valid AccountDeleted event: subject.type: Invalid input: expected "account"',
      },
      {
        ok: false,
        reason:
          'not a valid AccountDeleted event: data.accountId: Invalid input: expected string, received number',
      },
      { ok: false, reason: 'not a valid AccountDeleted event: occurredAt: Invalid ISO datetime' },
    ]);
  });

  it('refuses what is not an event of the catalogue', () => {
    expect([delivered({ ...valid, type: 'AccountMerged' }), delivered('AccountDeleted')]).toEqual([
      { ok: false, reason: 'unknown event type "AccountMerged"' },
      { ok: false, reason: 'not a domain event: Invalid input: expected object, received string' },
    ]);
  });
});
