import { describe, expect, it } from 'vitest';
import { type Account, createAccount } from '#domain/accounts/account';
import { type Contact, createContact } from '#domain/accounts/contact';
import {
  accountSettingRefs,
  assertReferences,
  changedAccountRefs,
  changedContactRefs,
  contactSettingRefs,
  settingUsageDeltas,
} from '#domain/accounts/references';
import { ValidationError } from '#domain/errors';
import type { SettingRef, SettingsLookup } from '#domain/settings/settings-lookup';
import type { ChangeContext } from '#domain/stamps';
import type { UserLookup } from '#domain/users/user-lookup';

const ctx: ChangeContext = {
  tenant: { id: 't1', name: 'Nordel', country: 'SE', currency: 'SEK', timeZone: 'Europe/Stockholm' },
  userId: 'u1',
  now: new Date('2025-03-01T10:00:00.000Z'),
};

const account = (fields: Partial<Account> = {}): Account => ({
  ...createAccount('acc-1', { name: 'Ericsson', customerType: 'B2B' }, ctx),
  ...fields,
});

/** Settings of one tenant, kept in memory. */
function settingsWith(
  known: readonly (SettingRef & { scope?: 'account' | 'contact' | 'both' })[],
): SettingsLookup & { calls: number } {
  const lookup = {
    calls: 0,
    async missing(_tenantId: string, refs: readonly SettingRef[]) {
      lookup.calls++;
      return refs.filter((r) => !known.some((k) => k.kind === r.kind && k.id === r.id));
    },
    async categoryScope(_tenantId: string, id: string) {
      return known.find((k) => k.kind === 'category' && k.id === id)?.scope;
    },
  };
  return lookup;
}

const users: UserLookup = {
  async user(_tenantId, userId) {
    if (userId === 'anna') return { id: 'anna', active: true };
    if (userId === 'gone') return { id: 'gone', active: false };
    return undefined;
  },
};

async function validationErrorOf(act: () => Promise<unknown>): Promise<ValidationError> {
  try {
    await act();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, but the call succeeded');
}

const contact = (fields: Partial<Contact> = {}): Contact => ({
  ...createContact('con-1', { firstName: 'Karin', lastName: 'Lindqvist' }, ctx),
  ...fields,
});

describe('settingUsageDeltas', () => {
  it('counts a setting once for each account that starts or stops using it', () => {
    // Prepare
    const before = account({ industryId: 'ind-a', categoryIds: ['c1', 'c2'], statusTypeId: 'st' });
    const after = account({ industryId: 'ind-b', categoryIds: ['c2', 'c3'], statusTypeId: 'st' });

    // Act
    const deltas = settingUsageDeltas(accountSettingRefs(before), accountSettingRefs(after));

    // Assess
    expect(deltas).toEqual([
      { kind: 'industry', id: 'ind-a', delta: -1 },
      { kind: 'category', id: 'c1', delta: -1 },
      { kind: 'industry', id: 'ind-b', delta: 1 },
      { kind: 'category', id: 'c3', delta: 1 },
    ]);
  });

  it('gives back every use on delete and takes it again on restore', () => {
    // Prepare
    const live = account({ industryId: 'ind-a', categoryIds: ['c1'] });
    const deleted = { ...live, deletedAt: '2025-03-02T00:00:00.000Z' };

    // Act
    const onDelete = settingUsageDeltas(accountSettingRefs(live), accountSettingRefs(deleted));
    const onRestore = settingUsageDeltas(accountSettingRefs(deleted), accountSettingRefs(live));

    // Assess
    expect(onDelete).toEqual([
      { kind: 'industry', id: 'ind-a', delta: -1 },
      { kind: 'category', id: 'c1', delta: -1 },
    ]);
    expect(onRestore).toEqual([
      { kind: 'industry', id: 'ind-a', delta: 1 },
      { kind: 'category', id: 'c1', delta: 1 },
    ]);
  });
});

describe('changedAccountRefs', () => {
  it('names only the references a change sets, each category by its position in the request', () => {
    // Prepare
    const before = account({ industryId: 'ind-a', categoryIds: ['c1'] });
    const after = account({ industryId: 'ind-a', categoryIds: ['c1', 'c2'], statusTypeId: 'st' });

    // Act
    const refs = changedAccountRefs(before, after, ['c1', 'c1', 'c2']);

    // Assess
    expect(refs).toEqual([
      { kind: 'status-type', id: 'st', field: 'statusTypeId' },
      { kind: 'category', id: 'c2', field: 'categoryIds.2' },
    ]);
  });
});

describe('the keywords of a contact (R-ST-5)', () => {
  it('are settings the contact uses, counted like its type and categories', () => {
    // Prepare
    const before = contact({ contactTypeId: 'ct', keywords: ['kw-solar', 'kw-ev'] });
    const after = contact({ contactTypeId: 'ct', keywords: ['kw-ev', 'kw-fixed'] });

    // Act
    const deltas = settingUsageDeltas(contactSettingRefs(before), contactSettingRefs(after));

    // Assess
    expect(deltas).toEqual([
      { kind: 'keyword', id: 'kw-solar', delta: -1 },
      { kind: 'keyword', id: 'kw-fixed', delta: 1 },
    ]);
  });

  it('are checked when added, each named by its position in the request', () => {
    // Prepare
    const before = contact({ keywords: ['kw-ev'] });
    const after = contact({ keywords: ['kw-ev', 'kw-fixed'], categoryIds: ['c1'] });

    // Act
    const refs = changedContactRefs(before, after, {
      keywords: ['kw-ev', ' kw-fixed '],
      categoryIds: ['c1'],
    });

    // Assess
    expect(refs).toEqual([
      { kind: 'category', id: 'c1', field: 'categoryIds.0' },
      { kind: 'keyword', id: 'kw-fixed', field: 'keywords.1' },
    ]);
  });

  it('refuses a keyword the tenant does not have, naming it, as for a contact type', async () => {
    // Prepare
    const settings = settingsWith([{ kind: 'keyword', id: 'kw-ev' }]);
    const refs = changedContactRefs(
      undefined,
      contact({ contactTypeId: 'ct-x', keywords: ['kw-ev', 'VIP'] }),
    );

    // Act
    const error = await validationErrorOf(() => assertReferences({ settings }, 't1', 'contact', refs));

    // Assess
    expect(error.fields).toEqual([
      { name: 'contactTypeId', reason: 'no such contact type' },
      { name: 'keywords.1', reason: 'no such keyword' },
    ]);
  });
});

describe('assertReferences', () => {
  it('names each missing setting and a category of the other scope', async () => {
    // Prepare
    const settings = settingsWith([
      { kind: 'category', id: 'c-contact', scope: 'contact' },
      { kind: 'category', id: 'c-both', scope: 'both' },
      { kind: 'status-type', id: 'st' },
    ]);
    const refs = changedAccountRefs(
      undefined,
      account({ industryId: 'ind-x', statusTypeId: 'st', categoryIds: ['c-both', 'c-contact', 'c-gone'] }),
    );

    // Act
    const error = await validationErrorOf(() => assertReferences({ settings }, 't1', 'account', refs));

    // Assess
    expect(error.fields).toEqual([
      { name: 'industryId', reason: 'no such industry' },
      { name: 'categoryIds.1', reason: 'this category is for contacts only' },
      { name: 'categoryIds.2', reason: 'no such category' },
    ]);
  });

  it('refuses an unknown or deactivated owner, and accepts an active one', async () => {
    // Act
    const unknown = await validationErrorOf(() => assertReferences({ users }, 't1', 'account', [], 'nobody'));
    const deactivated = await validationErrorOf(() =>
      assertReferences({ users }, 't1', 'account', [], 'gone'),
    );
    const active = assertReferences({ users }, 't1', 'account', [], 'anna');

    // Assess
    expect(unknown.fields).toEqual([{ name: 'ownerId', reason: 'no such user' }]);
    expect(deactivated.fields).toEqual([{ name: 'ownerId', reason: 'deactivated users get no new work' }]);
    await expect(active).resolves.toBeUndefined();
  });

  it('checks nothing without the ports, and asks settings nothing when no reference changes', async () => {
    // Prepare
    const settings = settingsWith([]);

    // Act
    const unchecked = assertReferences(
      {},
      't1',
      'account',
      [{ kind: 'industry', id: 'x', field: 'industryId' }],
      'x',
    );
    await assertReferences({ settings }, 't1', 'account', []);

    // Assess
    await expect(unchecked).resolves.toBeUndefined();
    expect(settings.calls).toBe(0);
  });
});
