import { describe, expect, it } from 'vitest';
import {
  type Account,
  type AccountDraft,
  createAccount,
  restoreAccount,
  setAdditionalInfo,
  updateAccount,
} from '#domain/accounts/account';
import { ValidationError } from '#domain/errors';
import type { Nullable } from '#domain/patch';
import type { ChangeContext } from '#domain/stamps';
import type { TenantProfile } from '#domain/tenant';
import { validationErrorOf } from '../../../support/validation-error';

const swedishTenant: TenantProfile = {
  id: 'tenant-se',
  name: 'Nordel Energi',
  country: 'SE',
  currency: 'SEK',
  timeZone: 'Europe/Stockholm',
};

const slovakTenant: TenantProfile = {
  id: 'tenant-sk',
  name: 'Tatra Energia',
  country: 'SK',
  currency: 'EUR',
  timeZone: 'Europe/Bratislava',
};

const createdAt = new Date('2025-03-01T10:00:00.000Z');
const updatedAt = new Date('2025-03-02T12:30:00.000Z');

function context(tenant: TenantProfile = swedishTenant, now = createdAt, userId = 'user-1'): ChangeContext {
  return { tenant, userId, now };
}

function draft(overrides: Partial<Nullable<AccountDraft>> = {}): Nullable<AccountDraft> {
  return { name: 'Ericsson', customerType: 'B2B', ...overrides };
}

describe('createAccount', () => {
  it('trims the name, formats the organisation number and stores phones in E.164 without duplicates', () => {
    // Prepare
    const given = draft({
      name: '  Telefonaktiebolaget LM Ericsson  ',
      orgNumber: '5560160680',
      phones: ['070-123 45 67', '+46 70 123 45 67', '0046701234567', '08-123 456 78'],
      email: ' Info@Ericsson.COM ',
    });

    // Act
    const account = createAccount('acc-1', given, context());

    // Assess
    expect(account).toMatchObject({
      name: 'Telefonaktiebolaget LM Ericsson',
      orgNumber: '556016-0680',
      phones: ['+46701234567', '+46812345678'],
      email: 'info@ericsson.com',
    });
  });

  it("defaults the country to the tenant's country", () => {
    // Act
    const swedish = createAccount('acc-1', draft(), context(swedishTenant));
    const slovak = createAccount('acc-2', draft({ orgNumber: '35763469' }), context(slovakTenant));

    // Assess
    expect(swedish.country).toBe('SE');
    expect(slovak.country).toBe('SK');
    expect(slovak.orgNumber).toBe('35763469');
  });

  it("reads national phone numbers in the account's own country, not the tenant's", () => {
    // Prepare
    const given = draft({
      name: 'Slovak Telekom',
      country: 'sk',
      orgNumber: '35763469',
      phones: ['0905 123 456'],
    });

    // Act
    const account = createAccount('acc-1', given, context(swedishTenant));

    // Assess
    expect(account.country).toBe('SK');
    expect(account.phones).toEqual(['+421905123456']);
  });

  it('checks the organisation number by the rule of the account country', () => {
    // Act
    const error = validationErrorOf(() =>
      createAccount('acc-1', draft({ country: 'CZ', orgNumber: '556016-0680' }), context()),
    );

    // Assess
    expect(error.fields).toEqual([{ name: 'orgNumber', reason: 'an IČO has 8 digits' }]);
  });

  it('keeps an organisation number of a country without a check-digit rule as written', () => {
    // Act
    const account = createAccount('acc-1', draft({ country: 'NO', orgNumber: ' 923 609 016 ' }), context());

    // Assess
    expect(account.orgNumber).toBe('923 609 016');
  });

  it('removes duplicate categories', () => {
    // Act
    const account = createAccount('acc-1', draft({ categoryIds: ['cat-a', 'cat-b', 'cat-a'] }), context());

    // Assess
    expect(account.categoryIds).toEqual(['cat-a', 'cat-b']);
  });

  it('treats null optional fields as not given', () => {
    // Act
    const account = createAccount('acc-1', draft({ orgNumber: null, email: null, website: null }), context());

    // Assess
    expect(account.orgNumber).toBeUndefined();
    expect(account.email).toBeUndefined();
    expect(account.website).toBeUndefined();
  });

  it('stamps the tenant, author, times and version 1', () => {
    // Act
    const account = createAccount('acc-1', draft(), context(swedishTenant, createdAt, 'user-7'));

    // Assess
    expect(account).toMatchObject({
      id: 'acc-1',
      tenantId: 'tenant-se',
      createdAt: '2025-03-01T10:00:00.000Z',
      createdBy: 'user-7',
      updatedAt: '2025-03-01T10:00:00.000Z',
      updatedBy: 'user-7',
      version: 1,
      addresses: [],
      phones: [],
      categoryIds: [],
    });
  });

  it('names every invalid field in one ValidationError', () => {
    // Prepare
    const given = draft({ orgNumber: '556016-0681', phones: ['123'], email: 'not-an-address' });

    // Act
    const error = validationErrorOf(() => createAccount('acc-1', given, context()));

    // Assess
    expect(error.fields.map((f) => f.name).sort()).toEqual(['email', 'orgNumber', 'phones.0']);
    expect(error.fields.every((f) => f.reason.length > 0)).toBe(true);
  });

  it('names the position of each invalid phone', () => {
    // Act
    const error = validationErrorOf(() =>
      createAccount('acc-1', draft({ phones: ['070-123 45 67', 'abc', '0701234567', '12'] }), context()),
    );

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['phones.1', 'phones.3']);
  });

  it('refuses a blank name', () => {
    // Act
    const error = validationErrorOf(() => createAccount('acc-1', draft({ name: '   ' }), context()));

    // Assess
    expect(error.fields).toEqual([{ name: 'name', reason: 'must not be blank' }]);
  });

  it('gives a new account the electronic communication preference unless it is told paper', () => {
    // Act
    const unsaid = createAccount('acc-1', draft(), context());
    const nulled = createAccount('acc-2', draft({ communicationPreference: null }), context());
    const paper = createAccount('acc-3', draft({ communicationPreference: 'paper' }), context());

    // Assess
    expect(unsaid.communicationPreference).toBe('electronic');
    expect(nulled.communicationPreference).toBe('electronic');
    expect(paper.communicationPreference).toBe('paper');
  });
});

describe('updateAccount', () => {
  function existing(): Account {
    return createAccount(
      'acc-1',
      draft({
        name: 'Volvo AB',
        orgNumber: '556012-5790',
        phones: ['+46701234567'],
        email: 'info@volvo.example',
        website: 'https://volvo.example',
      }),
      context(),
    );
  }

  it('clears a field patched with null and keeps the fields the patch leaves out', () => {
    // Prepare
    const current = existing();

    // Act
    const { account } = updateAccount(current, { email: null }, context(swedishTenant, updatedAt));

    // Assess
    expect(account.email).toBeUndefined();
    expect(account).toMatchObject({
      name: 'Volvo AB',
      orgNumber: '556012-5790',
      phones: ['+46701234567'],
      website: 'https://volvo.example',
    });
  });

  it('increments the version and records who changed it and when, keeping the creation stamp', () => {
    // Prepare
    const current = existing();

    // Act
    const { account } = updateAccount(
      current,
      { name: 'AB Volvo' },
      context(swedishTenant, updatedAt, 'user-2'),
    );

    // Assess
    expect(account).toMatchObject({
      id: 'acc-1',
      tenantId: 'tenant-se',
      version: 2,
      createdAt: '2025-03-01T10:00:00.000Z',
      createdBy: 'user-1',
      updatedAt: '2025-03-02T12:30:00.000Z',
      updatedBy: 'user-2',
    });
  });

  it('lists exactly the changed fields with their old and new values', () => {
    // Prepare
    const current = existing();

    // Act
    const { changes } = updateAccount(
      current,
      {
        name: '  AB Volvo ',
        email: null,
        phones: ['+46701234567', '08-123 456 78'],
        website: 'https://volvo.example',
      },
      context(swedishTenant, updatedAt),
    );

    // Assess
    expect(changes).toEqual([
      { field: 'name', from: 'Volvo AB', to: 'AB Volvo' },
      { field: 'phones', from: ['+46701234567'], to: ['+46701234567', '+46812345678'] },
      { field: 'email', from: 'info@volvo.example', to: null },
    ]);
  });

  it('reports no changes for an empty patch', () => {
    // Prepare
    const current = existing();

    // Act
    const { account, changes } = updateAccount(current, {}, context(swedishTenant, updatedAt));

    // Assess
    expect(changes).toEqual([]);
    expect(account.version).toBe(2);
  });

  it('reports no changes when the patch repeats the stored values in another written form', () => {
    // Prepare
    const current = existing();

    // Act
    const { changes } = updateAccount(
      current,
      { name: ' Volvo AB ', orgNumber: '5560125790', phones: ['070-123 45 67'], email: 'INFO@volvo.example' },
      context(swedishTenant, updatedAt),
    );

    // Assess
    expect(changes).toEqual([]);
  });

  it("reads new national phone numbers in the account's country", () => {
    // Prepare
    const current = createAccount(
      'acc-1',
      draft({ country: 'SK', orgNumber: '31320155' }),
      context(swedishTenant),
    );

    // Act
    const { account } = updateAccount(
      current,
      { phones: ['0905 123 456'] },
      context(swedishTenant, updatedAt),
    );

    // Assess
    expect(account.phones).toEqual(['+421905123456']);
  });

  it('changes the communication preference and lists it among the changes', () => {
    // Prepare
    const current = existing();

    // Act
    const toPaper = updateAccount(current, { communicationPreference: 'paper' }, context());
    const same = updateAccount(current, { communicationPreference: 'electronic' }, context());

    // Assess
    expect(toPaper.account.communicationPreference).toBe('paper');
    expect(toPaper.changes).toEqual([{ field: 'communicationPreference', from: 'electronic', to: 'paper' }]);
    expect(same.changes).toEqual([]);
  });

  it('refuses clearing the communication preference', () => {
    // Act
    const error = validationErrorOf(() =>
      updateAccount(existing(), { communicationPreference: null }, context()),
    );

    // Assess
    expect(error.fields).toEqual([{ name: 'communicationPreference', reason: 'is required' }]);
  });

  it('refuses clearing a required field instead of failing', () => {
    const attempt = () =>
      updateAccount(existing(), { name: null, customerType: null }, context(swedishTenant, updatedAt));

    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).fields.map((f) => f.name)).toEqual(['name', 'customerType']);
    }
  });

  it('names every invalid field of the patch in one ValidationError', () => {
    // Prepare
    const current = existing();

    // Act
    const error = validationErrorOf(() =>
      updateAccount(current, { orgNumber: '556012-5791', phones: ['nope'], email: 'a@' }, context()),
    );

    // Assess
    expect(error.fields.map((f) => f.name).sort()).toEqual(['email', 'orgNumber', 'phones.0']);
  });
});

describe('setAdditionalInfo', () => {
  const existing = () => createAccount('acc-1', draft(), context());

  it('keeps trimmed entries without repeats in any case, and records one change of the section', () => {
    // Act
    const { account, changes } = setAdditionalInfo(
      existing(),
      {
        contactOrigin: '  Trade fair  ',
        productsOfInterest: ['Solar panels', ' solar  panels', 'Solar panels ', 'Heat pump'],
        sources: ['Website'],
      },
      context(swedishTenant, updatedAt, 'user-2'),
    );

    // Assess
    expect(account.additionalInfo).toEqual({
      contactOrigin: 'Trade fair',
      productsOfInterest: ['Solar panels', 'Heat pump'],
      sources: ['Website'],
    });
    expect(account).toMatchObject({ version: 2, updatedBy: 'user-2', updatedAt: updatedAt.toISOString() });
    expect(changes).toEqual([{ field: 'additionalInfo', from: null, to: account.additionalInfo }]);
  });

  it('clears the parts that are not sent', () => {
    // Prepare
    const first = setAdditionalInfo(
      existing(),
      { contactOrigin: 'Referral', productsOfInterest: ['EV charger'], sources: ['Partner'] },
      context(),
    ).account;

    // Act
    const { account, changes } = setAdditionalInfo(first, { contactOrigin: null }, context());

    // Assess
    expect(account.additionalInfo).toEqual({ productsOfInterest: [], sources: [] });
    expect(changes).toHaveLength(1);
  });

  it('records no change when the section is the same', () => {
    // Prepare
    const first = setAdditionalInfo(existing(), { sources: ['Website'] }, context()).account;

    // Act
    const { changes } = setAdditionalInfo(
      first,
      { sources: [' Website '], productsOfInterest: [] },
      context(),
    );

    // Assess
    expect(changes).toEqual([]);
  });

  it('names blank entries by their position, and a blank origin', () => {
    // Act
    const error = validationErrorOf(() =>
      setAdditionalInfo(
        existing(),
        { contactOrigin: '  ', productsOfInterest: ['Solar', ' '], sources: ['', 'Web'] },
        context(),
      ),
    );

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['contactOrigin', 'productsOfInterest.1', 'sources.0']);
  });
});

describe('restoreAccount', () => {
  const deleted = (): Account => ({
    ...createAccount(
      'acc-1',
      draft({ industryId: 'ind-1', statusTypeId: 'st-1', categoryIds: ['cat-a', 'cat-b'] }),
      context(),
    ),
    deletedAt: createdAt.toISOString(),
    version: 2,
  });

  it('brings the account back as it was, as a new version', () => {
    // Act
    const { account, changes } = restoreAccount(deleted(), [], context(swedishTenant, updatedAt, 'admin-1'));

    // Assess
    expect(account).not.toHaveProperty('deletedAt');
    expect(account).toMatchObject({
      industryId: 'ind-1',
      statusTypeId: 'st-1',
      categoryIds: ['cat-a', 'cat-b'],
      version: 3,
      updatedBy: 'admin-1',
    });
    expect(changes).toEqual([]);
  });

  it('drops references to settings deleted since, and lists them as changes', () => {
    // Act
    const { account, changes } = restoreAccount(
      deleted(),
      [
        { kind: 'industry', id: 'ind-1' },
        { kind: 'category', id: 'cat-b' },
      ],
      context(),
    );

    // Assess
    expect(account.industryId).toBeUndefined();
    expect(account.statusTypeId).toBe('st-1');
    expect(account.categoryIds).toEqual(['cat-a']);
    expect(changes).toEqual([
      { field: 'industryId', from: 'ind-1', to: null },
      { field: 'categoryIds', from: ['cat-a', 'cat-b'], to: ['cat-a'] },
    ]);
  });
});
