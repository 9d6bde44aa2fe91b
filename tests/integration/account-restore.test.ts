import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, VersionMismatchError } from '#domain/errors';
import { accountsServices } from '#runtime/accounts-services';
import { accountEntity, categoryMemberEntity } from '#table/accounts/entities';
import { outboxEventEntity, uniqueEntity } from '#table/core/entities';
import { everySettingExists, InMemorySettings, noUsageCounts } from '../support/accounts-fakes';
import { servicesWithTenants } from '../support/local-table';
import { recordingIds } from '../support/recording-ids';
import { itemAt, itemsIn } from '../support/stored-items';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('deleting and restoring accounts', () => {
  let setup: Setup;
  beforeAll(async () => {
    // Categories are ids only here: the settings module, its checks and counts are not under test.
    setup = await servicesWithTenants(undefined, {
      settings: everySettingExists,
      settingUsage: noUsageCounts,
    });
  });

  it('lists deleted accounts by name, with when they were deleted, and no live ones', async () => {
    // Prepare
    const { sk, services } = setup;
    const live = await services.accounts.create(sk, { name: 'Živý s.r.o.', customerType: 'B2B' });
    const gone = await services.accounts.create(sk, { name: 'Zrušený s.r.o.', customerType: 'B2B' });
    const older = await services.accounts.create(sk, { name: 'Bývalý s.r.o.', customerType: 'B2B' });
    await services.accounts.remove(sk, gone.value.id);
    await services.accounts.remove(sk, older.value.id);

    // Act
    const first = await services.accounts.listDeleted(sk, { limit: 1 });
    const second = await services.accounts.listDeleted(sk, { limit: 1, cursor: first.nextCursor });
    const otherTenant = await services.accounts.listDeleted(setup.se, { limit: 100 });

    // Assess
    expect([...first.items, ...second.items].map((a) => a.name)).toEqual(['Bývalý s.r.o.', 'Zrušený s.r.o.']);
    expect(first.items[0]?.deletedAt).toEqual(expect.any(String));
    expect(otherTenant.items.map((a) => a.id)).not.toContain(gone.value.id);
    expect((await services.accounts.list(sk, {}, { limit: 100 })).items.map((a) => a.id)).toEqual([
      live.value.id,
    ]);
  });

  it('brings an account back with its contacts, identification and organisation number', async () => {
    // Prepare
    const ids = recordingIds();
    const { se } = setup;
    const services = accountsServices({ table: setup.table }, { ids });
    const account = await services.accounts.create(se, {
      name: 'Återkommen AB',
      customerType: 'B2B',
      orgNumber: '556703-7485',
      phones: ['08-660 00 00'],
    });
    const contact = await services.contacts.create(se, {
      firstName: 'Åsa',
      lastName: 'Åter',
      phones: ['070-660 00 01'],
      accountId: account.value.id,
    });
    await services.accounts.remove(se, account.value.id);
    const hidden = await failure(services.subjects.identify(se, 'phone', '070-660 00 01'));
    ids.issued.length = 0;

    // Act
    const restored = await services.accounts.restore(se, account.value.id, 2);

    // Assess
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect(restored).toMatchObject({ id: account.value.id, version: 3, orgNumber: '556703-7485' });
    expect(restored).not.toHaveProperty('deletedAt');
    const view = await services.accounts.view(se, account.value.id);
    expect(view.contacts.map((c) => c.id)).toEqual([contact.value.id]);
    const byContactPhone = await services.subjects.identify(se, 'phone', '070-660 00 01');
    expect(byContactPhone.contacts[0]?.account?.id).toBe(account.value.id);
    const byAccountPhone = await services.subjects.identify(se, 'phone', '08-660 00 00');
    expect(byAccountPhone.accounts.map((a) => a.id)).toEqual([account.value.id]);
    const copy = await failure(
      services.accounts.create(se, { name: 'Kopia AB', customerType: 'B2B', orgNumber: '5567037485' }),
    );
    expect(copy).toBeInstanceOf(ConflictError);
    expect((await services.accounts.listDeleted(se, { limit: 100 })).items.map((a) => a.id)).not.toContain(
      account.value.id,
    );
    const outbox = await itemAt(
      setup.table,
      outboxEventEntity.key({ tenantId: se.tenantId, eventId: ids.issued[0] as string }),
    );
    expect(outbox?.event).toMatchObject({
      type: 'AccountRestored',
      subject: { type: 'account', id: account.value.id },
      data: { account: { id: account.value.id, version: 3 } },
    });
  });

  it('refuses a restore when another account has the organisation number now, and writes nothing', async () => {
    // Prepare
    const { se, services } = setup;
    const original = await services.accounts.create(se, {
      name: 'Original AB',
      customerType: 'B2B',
      orgNumber: '556012-5790',
      phones: ['031-10 20 30'],
      categoryIds: ['kat-restore'],
    });
    await services.accounts.remove(se, original.value.id);
    const newcomer = await services.accounts.create(se, {
      name: 'Nykomling AB',
      customerType: 'B2B',
      orgNumber: '5560125790',
    });
    const before = await itemAt(
      setup.table,
      accountEntity.key({ tenantId: se.tenantId, accountId: original.value.id }),
    );

    // Act
    const refused = await failure(services.accounts.restore(se, original.value.id));

    // Assess
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({
      code: 'org-number-taken',
      message: 'another account of this tenant has this organisation number',
      fields: [{ name: 'orgNumber', reason: 'another account of this tenant has this organisation number' }],
    });
    expect(
      await itemAt(setup.table, accountEntity.key({ tenantId: se.tenantId, accountId: original.value.id })),
    ).toEqual(before);
    expect(await failure(services.subjects.identify(se, 'phone', '031-10 20 30'))).toBeInstanceOf(
      NotFoundError,
    );
    expect(
      await itemsIn(
        setup.table,
        categoryMemberEntity.patterns.membersOfCategory.query({
          tenantId: se.tenantId,
          categoryId: 'kat-restore',
        }).partition,
      ),
    ).toEqual([]);
    expect((await services.accounts.listDeleted(se, { limit: 100 })).items.map((a) => a.id)).toContain(
      original.value.id,
    );
    expect(
      (
        await itemAt(
          setup.table,
          uniqueEntity.key({ tenantId: se.tenantId, kind: 'orgNumber', value: 'SE:556012-5790' }),
        )
      )?.ownerId,
    ).toBe(newcomer.value.id);
  });

  it('restores once the organisation number is free again', async () => {
    // Prepare
    const { se, services } = setup;
    const original = await services.accounts.create(se, {
      name: 'Tålmodig AB',
      customerType: 'B2B',
      orgNumber: '556036-0793',
    });
    await services.accounts.remove(se, original.value.id);
    const newcomer = await services.accounts.create(se, {
      name: 'Tillfällig AB',
      customerType: 'B2B',
      orgNumber: '556036-0793',
    });
    await failure(services.accounts.restore(se, original.value.id));
    await services.accounts.remove(se, newcomer.value.id);

    // Act
    const restored = await services.accounts.restore(se, original.value.id);

    // Assess
    expect(restored.orgNumber).toBe('556036-0793');
    expect((await services.accounts.get(se, original.value.id)).version).toBe(3);
  });

  it('refuses to restore a live account, an unknown one, another tenant’s, or from an older version', async () => {
    // Prepare
    const { se, sk, services } = setup;
    const live = await services.accounts.create(se, { name: 'Levande AB', customerType: 'B2B' });
    const gone = await services.accounts.create(se, { name: 'Borta AB', customerType: 'B2B' });
    await services.accounts.remove(se, gone.value.id);

    // Act
    const notDeleted = await failure(services.accounts.restore(se, live.value.id));
    const foreign = await failure(services.accounts.restore(sk, gone.value.id));
    const unknown = await failure(services.accounts.restore(se, '01JZZZZZZZZZZZZZZZZZZZZZZZ'));
    const stale = await failure(services.accounts.restore(se, gone.value.id, 1));

    // Assess
    expect(notDeleted).toBeInstanceOf(ConflictError);
    expect((notDeleted as Error).message).toContain('is not deleted');
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(stale).toBeInstanceOf(VersionMismatchError);
    expect((await services.accounts.listDeleted(se, { limit: 100 })).items.map((a) => a.id)).toContain(
      gone.value.id,
    );
  });

  it('drops references to settings deleted while the account was, and says so in the event', async () => {
    // Prepare
    const ids = recordingIds();
    const { se } = setup;
    const settings = new InMemorySettings()
      .add(se.tenantId, 'industry', 'ind-bakery')
      .add(se.tenantId, 'category', 'cat-vip', 'account')
      .add(se.tenantId, 'category', 'cat-old', 'account');
    // The settings live in memory here: no usage is counted in the table.
    const services = accountsServices({ table: setup.table }, { ids, settings, settingUsage: noUsageCounts });
    const account = await services.accounts.create(se, {
      name: 'Referens AB',
      customerType: 'B2B',
      industryId: 'ind-bakery',
      categoryIds: ['cat-vip', 'cat-old'],
    });
    await services.accounts.remove(se, account.value.id);
    settings.remove(se.tenantId, 'category', 'cat-old');
    ids.issued.length = 0;

    // Act
    const restored = await services.accounts.restore(se, account.value.id);

    // Assess
    expect(restored.categoryIds).toEqual(['cat-vip']);
    expect(restored.industryId).toBe('ind-bakery');
    const outbox = await itemAt(
      setup.table,
      outboxEventEntity.key({ tenantId: se.tenantId, eventId: ids.issued[0] as string }),
    );
    expect(outbox?.event.changes).toEqual([
      { field: 'categoryIds', from: ['cat-vip', 'cat-old'], to: ['cat-vip'] },
    ]);
    const members = await services.accounts.byCategory(se, 'cat-vip', { limit: 10 });
    expect(members.items.map((a) => a.id)).toEqual([account.value.id]);
  });
});

describe('additional information of an account', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await servicesWithTenants();
  });

  it('is stored on the account, shown with it, and recorded as an update of additionalInfo', async () => {
    // Prepare
    const ids = recordingIds();
    const { se } = setup;
    const services = accountsServices({ table: setup.table }, { ids });
    const account = await services.accounts.create(se, { name: 'Intresserad AB', customerType: 'B2B' });
    ids.issued.length = 0;

    // Act
    const changed = await services.accounts.setAdditionalInfo(se, account.value.id, 1, {
      contactOrigin: 'Elmia trade fair',
      productsOfInterest: ['Solar panels', 'Heat pump'],
      sources: ['Website form'],
    });

    // Assess
    const info = {
      contactOrigin: 'Elmia trade fair',
      productsOfInterest: ['Solar panels', 'Heat pump'],
      sources: ['Website form'],
    };
    expect(changed).toMatchObject({ version: 2, additionalInfo: info });
    expect((await services.accounts.get(se, account.value.id)).additionalInfo).toEqual(info);
    expect((await services.accounts.view(se, account.value.id)).account.additionalInfo).toEqual(info);
    const outbox = await itemAt(
      setup.table,
      outboxEventEntity.key({ tenantId: se.tenantId, eventId: ids.issued[0] as string }),
    );
    expect(outbox?.event).toMatchObject({
      type: 'AccountUpdated',
      changes: [{ field: 'additionalInfo', from: null, to: info }],
    });
  });

  it('refuses a change based on an older version, and another tenant’s account as not found', async () => {
    // Prepare
    const { se, sk, services } = setup;
    const account = await services.accounts.create(se, { name: 'Versionerad AB', customerType: 'B2B' });
    await services.accounts.setAdditionalInfo(se, account.value.id, 1, { sources: ['Referral'] });

    // Act
    const stale = await failure(
      services.accounts.setAdditionalInfo(se, account.value.id, 1, { sources: [] }),
    );
    const foreign = await failure(
      services.accounts.setAdditionalInfo(sk, account.value.id, 2, { sources: [] }),
    );

    // Assess
    expect(stale).toBeInstanceOf(VersionMismatchError);
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect((await services.accounts.get(se, account.value.id)).additionalInfo?.sources).toEqual(['Referral']);
  });
});
