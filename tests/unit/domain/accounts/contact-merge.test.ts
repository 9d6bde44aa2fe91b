import { describe, expect, it } from 'vitest';
import { type Contact, createContact } from '#domain/accounts/contact';
import { mergeContacts } from '#domain/accounts/contact-merge';
import type { ChangeContext } from '#domain/stamps';
import { validationErrorOf } from '../../../support/validation-error';

const created: ChangeContext = {
  tenant: { id: 'tenant-se', name: 'Nordel', country: 'SE', currency: 'SEK', timeZone: 'Europe/Stockholm' },
  userId: 'user-1',
  now: new Date('2025-03-01T10:00:00.000Z'),
};
const merging: ChangeContext = { ...created, userId: 'user-2', now: new Date('2025-03-05T08:00:00.000Z') };

const survivor: Contact = createContact(
  'survivor',
  {
    firstName: 'Maja',
    lastName: 'Lindqvist',
    email: 'maja@example.se',
    phones: ['070-555 10 01'],
    keywords: ['kw-1'],
    greeting: 'Hej Maja',
  },
  created,
);
const loser: Contact = createContact(
  'loser',
  {
    firstName: 'Maja',
    lastName: 'Lindquist',
    email: 'maja.l@example.se',
    phones: ['073-555 20 02', '070-555 10 01'],
    keywords: ['kw-2'],
    information: 'Flyttar till Luleå',
    externalCustomerId: 'NE-1',
    isSigningPerson: true,
  },
  created,
);

describe('merging two contacts', () => {
  it('keeps the survivor’s values, fills its empty fields from the loser and joins the lists', () => {
    // Act
    const { survivor: merged, changes } = mergeContacts(survivor, loser, {}, merging);

    // Assess
    expect(merged).toMatchObject({
      id: 'survivor',
      firstName: 'Maja',
      lastName: 'Lindqvist',
      email: 'maja@example.se',
      phones: ['+46705551001', '+46735552002'],
      keywords: ['kw-1', 'kw-2'],
      greeting: 'Hej Maja',
      information: 'Flyttar till Luleå',
      externalCustomerId: 'NE-1',
      isSigningPerson: false,
      version: 2,
      updatedBy: 'user-2',
      updatedAt: '2025-03-05T08:00:00.000Z',
    });
    expect(changes.map((c) => c.field)).toEqual(['phones', 'externalCustomerId', 'keywords', 'information']);
  });

  it('takes the loser’s value, or one side of a list, where asked', () => {
    // Act
    const { survivor: merged } = mergeContacts(
      survivor,
      loser,
      { lastName: 'loser', email: 'loser', phones: 'loser', keywords: 'survivor', isSigningPerson: 'loser' },
      merging,
    );

    // Assess
    expect(merged).toMatchObject({
      lastName: 'Lindquist',
      email: 'maja.l@example.se',
      phones: ['+46735552002', '+46705551001'],
      keywords: ['kw-1'],
      isSigningPerson: true,
    });
  });

  it('clears a field the survivor keeps empty, though the loser has it', () => {
    // Act
    const { survivor: merged } = mergeContacts(
      survivor,
      loser,
      { externalCustomerId: 'survivor', information: 'survivor' },
      merging,
    );

    // Assess
    expect(merged.externalCustomerId).toBeUndefined();
    expect('information' in merged).toBe(false);
  });

  it('makes the loser a deleted tombstone naming the survivor, with its fields kept', () => {
    // Act
    const { tombstone } = mergeContacts(survivor, loser, {}, merging);

    // Assess
    expect(tombstone).toMatchObject({
      id: 'loser',
      mergedInto: 'survivor',
      deletedAt: '2025-03-05T08:00:00.000Z',
      version: 2,
      phones: loser.phones,
      externalCustomerId: 'NE-1',
    });
  });

  it('refuses `both` for a field that is not a list, naming it', () => {
    // Act
    const error = validationErrorOf(() => mergeContacts(survivor, loser, { email: 'both' }, merging));

    // Assess
    expect(error.fields).toEqual([
      { name: 'keep.email', reason: 'only phones, keywords and categoryIds can keep both' },
    ]);
  });
});
