import { describe, expect, it } from 'vitest';
import {
  type Contact,
  type ContactDraft,
  createContact,
  displayName,
  updateContact,
} from '#domain/accounts/contact';
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

function draft(overrides: Partial<Nullable<ContactDraft>> = {}): Nullable<ContactDraft> {
  return { firstName: 'Anna', lastName: 'Svensson', ...overrides };
}

describe('createContact', () => {
  it('trims the names, lower-cases the e-mail and stores phones in E.164 without duplicates', () => {
    // Prepare
    const given = draft({
      firstName: ' Anna ',
      lastName: ' Svensson  ',
      email: ' Anna.Svensson@Example.SE',
      phones: ['070-123 45 67', '+46701234567'],
    });

    // Act
    const contact = createContact('con-1', given, context());

    // Assess
    expect(contact).toMatchObject({
      firstName: 'Anna',
      lastName: 'Svensson',
      email: 'anna.svensson@example.se',
      phones: ['+46701234567'],
    });
  });

  it("reads national phone numbers in the tenant's country", () => {
    // Act
    const contact = createContact('con-1', draft({ phones: ['0905 123 456'] }), context(slovakTenant));

    // Assess
    expect(contact.phones).toEqual(['+421905123456']);
  });

  it('defaults to no newsletter consent, electronic communication and no signing right', () => {
    // Act
    const contact = createContact('con-1', draft(), context());

    // Assess
    expect(contact).toMatchObject({
      newsletterConsent: false,
      preferredChannel: 'electronic',
      isSigningPerson: false,
      phones: [],
      keywords: [],
    });
  });

  it('trims keywords and drops blank and repeated ones', () => {
    // Act
    const contact = createContact(
      'con-1',
      draft({ keywords: [' solar ', 'solar', ' ', 'heat pump'] }),
      context(),
    );

    // Assess
    expect(contact.keywords).toEqual(['solar', 'heat pump']);
  });

  it('stamps the tenant, author, times and version 1', () => {
    // Act
    const contact = createContact('con-1', draft(), context(swedishTenant, createdAt, 'user-7'));

    // Assess
    expect(contact).toMatchObject({
      id: 'con-1',
      tenantId: 'tenant-se',
      createdAt: '2025-03-01T10:00:00.000Z',
      createdBy: 'user-7',
      updatedAt: '2025-03-01T10:00:00.000Z',
      updatedBy: 'user-7',
      version: 1,
    });
  });

  it('refuses blank first and last names together', () => {
    // Act
    const error = validationErrorOf(() =>
      createContact('con-1', draft({ firstName: ' ', lastName: '' }), context()),
    );

    // Assess
    expect(error.fields).toEqual([
      { name: 'firstName', reason: 'must not be blank' },
      { name: 'lastName', reason: 'must not be blank' },
    ]);
  });

  it('refuses a blank customer number', () => {
    // Act
    const error = validationErrorOf(() =>
      createContact('con-1', draft({ externalCustomerId: '   ' }), context()),
    );

    // Assess
    expect(error.fields).toEqual([{ name: 'externalCustomerId', reason: 'must not be blank' }]);
  });

  it('names every invalid field in one ValidationError', () => {
    // Act
    const error = validationErrorOf(() =>
      createContact(
        'con-1',
        draft({ lastName: ' ', phones: ['070-123 45 67', '999'], email: 'anna@' }),
        context(),
      ),
    );

    // Assess
    expect(error.fields.map((f) => f.name).sort()).toEqual(['email', 'lastName', 'phones.1']);
  });
});

describe('updateContact', () => {
  function existing(): Contact {
    return createContact(
      'con-1',
      draft({ email: 'anna@example.se', phones: ['+46701234567'], accountId: 'acc-1', greeting: 'Hej Anna' }),
      context(),
    );
  }

  it('clears a field patched with null and keeps the fields the patch leaves out', () => {
    // Prepare
    const current = existing();

    // Act
    const { contact } = updateContact(current, { greeting: null }, context(swedishTenant, updatedAt));

    // Assess
    expect(contact.greeting).toBeUndefined();
    expect(contact).toMatchObject({ email: 'anna@example.se', phones: ['+46701234567'], accountId: 'acc-1' });
  });

  it('increments the version and records who changed it and when', () => {
    // Prepare
    const current = existing();

    // Act
    const { contact } = updateContact(
      current,
      { lastName: 'Berg' },
      context(swedishTenant, updatedAt, 'user-2'),
    );

    // Assess
    expect(contact).toMatchObject({
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
    const { changes } = updateContact(
      current,
      { lastName: 'Berg', newsletterConsent: true, accountId: null, email: 'anna@example.se' },
      context(swedishTenant, updatedAt),
    );

    // Assess
    expect(changes).toEqual([
      { field: 'lastName', from: 'Svensson', to: 'Berg' },
      { field: 'newsletterConsent', from: false, to: true },
      { field: 'accountId', from: 'acc-1', to: null },
    ]);
  });

  it('reports no changes for an empty patch', () => {
    // Prepare
    const current = existing();

    // Act
    const { contact, changes } = updateContact(current, {}, context(swedishTenant, updatedAt));

    // Assess
    expect(changes).toEqual([]);
    expect(contact.version).toBe(2);
  });

  it('refuses a patch that blanks the first name', () => {
    // Prepare
    const current = existing();

    // Act
    const error = validationErrorOf(() => updateContact(current, { firstName: '  ' }, context()));

    // Assess
    expect(error.fields).toEqual([{ name: 'firstName', reason: 'must not be blank' }]);
  });
});

describe('displayName', () => {
  it('joins first and last name', () => {
    // Act
    const name = displayName({ firstName: 'Anna', lastName: 'Svensson' });

    // Assess
    expect(name).toBe('Anna Svensson');
  });
});

describe('categories of a contact', () => {
  it('starts without categories and removes repeated ones', () => {
    // Act
    const none = createContact('c-1', draft(), context());
    const some = createContact('c-2', draft({ categoryIds: ['vip', 'press', 'vip'] }), context());

    // Assess
    expect(none.categoryIds).toEqual([]);
    expect(some.categoryIds).toEqual(['vip', 'press']);
  });

  it('records a change of categories, and none for a contact stored before categories existed', () => {
    // Prepare
    const { categoryIds: _none, ...stored } = createContact('c-1', draft(), context());
    const legacy = stored as Contact;

    // Act
    const untouched = updateContact(legacy, { greeting: 'Hej' }, context(swedishTenant, updatedAt));
    const categorised = updateContact(legacy, { categoryIds: ['vip'] }, context(swedishTenant, updatedAt));

    // Assess
    expect(untouched.changes.map((c) => c.field)).toEqual(['greeting']);
    expect(untouched.contact.categoryIds).toEqual([]);
    expect(categorised.changes).toEqual([{ field: 'categoryIds', from: [], to: ['vip'] }]);
  });
});
