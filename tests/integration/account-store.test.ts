import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, VersionMismatchError } from '#domain/errors';
import { HttpError } from '#http/http-error';
import { accountsServices } from '#runtime/accounts-services';
import { accountEntity } from '#table/accounts/entities';
import { encodeCursor } from '#table/core/cursor';
import { outboxEventEntity } from '#table/core/entities';
import { servicesWithTenants } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';
import { itemAt, itemsIn } from '../support/stored-items';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const bakery = { name: 'Bageri Solrosen AB', orgNumber: '556677-8899', customerType: 'B2B' as const };

describe('accounts in the table', () => {
  let setup: Setup;
  const requests: { command: string; input: Readonly<Record<string, unknown>> }[] = [];
  beforeAll(async () => {
    setup = await servicesWithTenants((command, input) => requests.push({ command, input }));
  });

  it('stores an account with its outbox event in one write', async () => {
    // Prepare
    const ids = recordingIds();
    const services = accountsServices({ table: setup.table }, { ids });
    requests.length = 0;

    // Act
    const { value } = await services.accounts.create(setup.se, bakery);

    // Assess
    const writes = requests.filter((r) => !/^(Get|Query|BatchGet)/.test(r.command));
    expect(writes.map((r) => r.command)).toEqual(['TransactWriteItemsCommand']);
    const stored = await setup.services.accounts.get(setup.se, value.id);
    expect(stored).toMatchObject({ name: 'Bageri Solrosen AB', orgNumber: '556677-8899', version: 1 });
    const history = await itemsIn(
      setup.table,
      accountEntity.key({ tenantId: setup.se.tenantId, accountId: value.id }).pk,
    );
    expect(history.map((i) => i.sk)).toEqual(['ACCOUNT']);
    const eventId = ids.issued.find((id) => id !== value.id) as string;
    expect(ids.issued).toEqual([value.id, eventId]);
    const outbox = await itemAt(setup.table, outboxEventEntity.key({ tenantId: setup.se.tenantId, eventId }));
    expect(outbox).toMatchObject({
      entity: 'Outbox',
      event: {
        id: eventId,
        type: 'AccountCreated',
        tenantId: setup.se.tenantId,
        subject: { type: 'account', id: value.id },
        data: { account: { id: value.id, name: 'Bageri Solrosen AB' } },
      },
    });
  });

  it('reads an account and a contact strongly consistently, as the write after the read needs', async () => {
    // Prepare
    const { se, services } = setup;
    const account = await services.accounts.create(se, { name: 'Konsistent AB', customerType: 'B2B' });
    const contact = await services.contacts.create(se, { firstName: 'Kim', lastName: 'Konsistent' });
    requests.length = 0;

    // Act
    await services.accounts.get(se, account.value.id);
    await services.contacts.get(se, contact.value.id);

    // Assess
    const gets = requests.filter((r) => r.command.startsWith('Get'));
    expect(gets).toHaveLength(2);
    for (const get of gets) expect(get.input).toMatchObject({ ConsistentRead: true });
  });

  it("adds a note to a contact without an account, and the note's event names no account", async () => {
    // Prepare
    const ids = recordingIds();
    const services = accountsServices({ table: setup.table }, { ids });
    const contact = await services.contacts.create(setup.se, { firstName: 'Ensam', lastName: 'Kontakt' });
    ids.issued.length = 0;

    // Act
    const { value: note } = await services.subjects.addNote(
      setup.se,
      { type: 'contact', id: contact.value.id },
      'Called',
    );

    // Assess
    const eventId = ids.issued.find((id) => id !== note.id) as string;
    expect(ids.issued).toEqual([note.id, eventId]);
    const outbox = await itemAt(setup.table, outboxEventEntity.key({ tenantId: setup.se.tenantId, eventId }));
    expect(outbox?.event).toMatchObject({
      type: 'NoteAdded',
      subject: { type: 'contact', id: contact.value.id },
    });
    expect(outbox?.event.subject).not.toHaveProperty('accountId');
  });

  it('answers the contacts of a deleted account, or of another tenant’s, as not found', async () => {
    // Prepare
    const { se, sk, services } = setup;
    const account = await services.accounts.create(se, { name: 'Nedlagd AB', customerType: 'B2B' });
    await services.contacts.create(se, {
      firstName: 'Kvar',
      lastName: 'Nedlagd',
      accountId: account.value.id,
    });
    const live = await services.contacts.list(se, { accountId: account.value.id }, { limit: 10 });

    // Act
    const failure = (listing: Promise<unknown>) =>
      listing.then(
        () => undefined,
        (error: unknown) => error,
      );
    const otherTenant = await failure(
      services.contacts.list(sk, { accountId: account.value.id }, { limit: 10 }),
    );
    await services.accounts.remove(se, account.value.id);
    const deleted = await failure(services.contacts.list(se, { accountId: account.value.id }, { limit: 10 }));

    // Assess
    expect(live.items.map((c) => c.lastName)).toEqual(['Nedlagd']);
    expect(otherTenant).toBeInstanceOf(NotFoundError);
    expect(deleted).toBeInstanceOf(NotFoundError);
    expect((deleted as Error).message).toContain('account');
  });

  it('refuses a second account with the same organisation number and writes nothing of it', async () => {
    // Prepare
    const { se, services } = setup;
    const first = await services.accounts.create(se, { ...bakery, orgNumber: '556036-0793' });
    const before = await services.accounts.list(se, {}, { limit: 100 });

    // Act
    const attempt = services.accounts.create(se, { ...bakery, name: 'Copy AB', orgNumber: '5560360793' });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ fields: [{ name: 'orgNumber' }] });
    const after = await services.accounts.list(se, {}, { limit: 100 });
    expect(after.items.map((a) => a.id)).toEqual(before.items.map((a) => a.id));
    expect(after.items.some((a) => a.id === first.value.id)).toBe(true);
  });

  it('lets another tenant use the same organisation number', async () => {
    const { value } = await setup.services.accounts.create(setup.sk, { ...bakery, country: 'SE' });
    expect(value.orgNumber).toBe('556677-8899');
  });

  it('answers another tenant’s account as not found', async () => {
    const { value } = await setup.services.accounts.create(setup.se, {
      name: 'Private AB',
      customerType: 'B2B',
    });
    await expect(setup.services.accounts.get(setup.sk, value.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setup.services.accounts.view(setup.sk, value.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an update based on an older version', async () => {
    // Prepare
    const { value } = await setup.services.accounts.create(setup.se, {
      name: 'Versioned AB',
      customerType: 'B2B',
    });
    await setup.services.accounts.update(setup.se, value.id, 1, { name: 'Versioned 2 AB' });

    // Act
    const stale = setup.services.accounts.update(setup.se, value.id, 1, { name: 'Lost update AB' });

    // Assess
    await expect(stale).rejects.toBeInstanceOf(VersionMismatchError);
    expect((await setup.services.accounts.get(setup.se, value.id)).name).toBe('Versioned 2 AB');
  });

  it('releases the old organisation number when it changes, and on delete', async () => {
    // Prepare
    const { se, services } = setup;
    const a = await services.accounts.create(se, { ...bakery, orgNumber: '556703-7485' });
    await services.accounts.update(se, a.value.id, 1, { orgNumber: '556016-0680' });

    // Act
    const b = await services.accounts.create(se, {
      ...bakery,
      name: 'Takes old number AB',
      orgNumber: '556703-7485',
    });
    await services.accounts.remove(se, a.value.id);
    const c = await services.accounts.create(se, {
      ...bakery,
      name: 'Takes deleted number AB',
      orgNumber: '556016-0680',
    });

    // Assess
    expect(b.value.orgNumber).toBe('556703-7485');
    expect(c.value.orgNumber).toBe('556016-0680');
    await expect(services.accounts.get(se, a.value.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates once per idempotency key and replays the first result', async () => {
    // Prepare
    const token = { operationId: 'createAccount', key: 'import-line-7', requestHash: 'hash-a' };
    const { se, services } = setup;

    // Act
    const first = await services.accounts.create(
      se,
      { ...bakery, name: 'Once AB', orgNumber: '556012-5790' },
      token,
    );
    const second = await services.accounts.create(
      se,
      { ...bakery, name: 'Once AB', orgNumber: '556012-5790' },
      token,
    );

    // Assess
    expect(second).toEqual({ value: first.value, replayed: true });
    const named = await services.accounts.list(se, { namePrefix: 'Once' }, { limit: 10 });
    expect(named.items).toHaveLength(1);
  });

  it('refuses an idempotency key reused with another body', async () => {
    const token = { operationId: 'createAccount', key: 'reused', requestHash: 'hash-1' };
    await setup.services.accounts.create(setup.se, { name: 'First AB', customerType: 'B2B' }, token);
    const reuse = setup.services.accounts.create(
      setup.se,
      { name: 'Second AB', customerType: 'B2B' },
      {
        ...token,
        requestHash: 'hash-2',
      },
    );
    await expect(reuse).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    await expect(reuse).rejects.toBeInstanceOf(HttpError);
  });

  it('pages through a list without repeats, and refuses a cursor of another tenant', async () => {
    // Prepare
    const { sk, se, services } = setup;
    for (let i = 0; i < 23; i++) {
      await services.accounts.create(sk, {
        name: `Odberateľ ${String(i).padStart(2, '0')}`,
        customerType: 'B2C',
      });
    }

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await services.accounts.list(sk, { namePrefix: 'odberatel' }, { limit: 10, cursor });
      seen.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const skPage = await services.accounts.list(sk, {}, { limit: 1 });

    // Assess
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toBe('Odberateľ 00');
    expect(pages).toBeGreaterThanOrEqual(3);
    await expect(
      services.accounts.list(se, {}, { limit: 10, cursor: skPage.nextCursor }),
    ).rejects.toMatchObject({
      code: 'invalid-cursor',
      fields: [{ name: 'cursor' }],
    });
  });

  it('shows an account with its contacts in one view, without deleted contacts', async () => {
    // Prepare
    const { se, services } = setup;
    const account = await services.accounts.create(se, { name: 'Viewed AB', customerType: 'B2B' });
    const kept = await services.contacts.create(se, {
      firstName: 'Eva',
      lastName: 'Berg',
      accountId: account.value.id,
    });
    const gone = await services.contacts.create(se, {
      firstName: 'Olle',
      lastName: 'Berg',
      accountId: account.value.id,
    });
    await services.contacts.remove(se, gone.value.id);

    // Act
    const view = await services.accounts.view(se, account.value.id);

    // Assess
    expect(view.account.id).toBe(account.value.id);
    expect(view.contacts.map((c) => c.id)).toEqual([kept.value.id]);
  });

  describe('a cursor that does not fit the list', () => {
    let accountCursor: string;
    let notesCursor: string;
    let subject: { type: 'account'; id: string };

    beforeAll(async () => {
      const { se, services } = setup;
      const account = await services.accounts.create(se, { name: 'Markör AB', customerType: 'B2B' });
      subject = { type: 'account', id: account.value.id };
      await services.subjects.addNote(se, subject, 'First');
      await services.subjects.addNote(se, subject, 'Second');
      accountCursor = (await services.accounts.list(se, {}, { limit: 1 })).nextCursor as string;
      notesCursor = (await services.subjects.notes(se, subject, { limit: 1 })).nextCursor as string;
    });

    const decoded = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

    it('is a real cursor of each list to begin with', async () => {
      // Act
      const accounts = await setup.services.accounts.list(setup.se, {}, { limit: 1, cursor: accountCursor });
      const notes = await setup.services.subjects.notes(setup.se, subject, { limit: 1, cursor: notesCursor });

      // Assess
      expect(accounts.items).toHaveLength(1);
      expect(notes.items.map((n) => n.text)).toEqual(['First']);
    });

    it.each([
      [
        'is missing the sort key of the index',
        () => {
          const { gsi2sk: _omitted, ...key } = decoded(accountCursor);
          return setup.services.accounts.list(setup.se, {}, { limit: 1, cursor: encodeCursor(key) });
        },
      ],
      [
        'is a list cursor reused with a name filter it is outside of',
        () =>
          setup.services.accounts.list(setup.se, { namePrefix: 'zeta' }, { limit: 1, cursor: accountCursor }),
      ],
      [
        'has extra attributes',
        () =>
          setup.services.accounts.list(
            setup.se,
            {},
            {
              limit: 1,
              cursor: encodeCursor({ ...decoded(accountCursor), extra: 'x' }),
            },
          ),
      ],
      [
        'is a notes cursor passed to the history of the same subject',
        () => setup.services.subjects.history(setup.se, subject, { limit: 1, cursor: notesCursor }),
      ],
    ])('answers 400 naming the cursor when it %s', async (_case, act) => {
      // Act
      const attempt = act();

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(HttpError);
      await expect(attempt).rejects.toMatchObject({
        code: 'invalid-cursor',
        fields: [{ name: 'cursor' }],
      });
    });
  });
});
