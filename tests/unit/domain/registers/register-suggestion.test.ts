import { describe, expect, it } from 'vitest';
import type { Account } from '#domain/accounts/account';
import { ConflictError, ValidationError } from '#domain/errors';
import { registerQuery } from '#domain/registers/company-register';
import {
  type RegisterSuggestion,
  struckOffFlag,
  suggestionOf,
  suggestionPatch,
} from '#domain/registers/register-suggestion';

const account = {
  id: 'a1',
  tenantId: 't1',
  name: 'Fjällvind',
  country: 'SE',
  orgNumber: '559214-7366',
  customerType: 'B2B',
  addresses: [
    { kind: 'visiting', street: 'Storgatan 1', postcode: '831 30', city: 'Östersund', country: 'SE' },
  ],
} as unknown as Account;

const found: RegisterSuggestion = suggestionOf(
  account,
  { country: 'SE', orgNumber: '559214-7366' },
  {
    status: 'found',
    company: {
      name: 'Fjällvind Energi AB',
      address: { street: 'Box 118', postcode: '831 22', city: 'Östersund', country: 'SE' },
      struckOff: false,
      statutoryBodies: [],
    },
  },
  '2026-12-05T08:00:00.000Z',
);

describe('the register query of an account', () => {
  it('normalises the number of a country with a register, and asks nothing otherwise', () => {
    expect(registerQuery('se', '5592147366')).toEqual({ country: 'SE', orgNumber: '559214-7366' });
    expect(registerQuery('SK', '4718 3527')).toEqual({ country: 'SK', orgNumber: '47183527' });
    expect(registerQuery('CZ', '47183527')).toBeUndefined();
    expect(registerQuery('SK', '47183528')).toBeUndefined();
    expect(registerQuery('SE', undefined)).toBeUndefined();
  });
});

describe('applying a suggestion', () => {
  it('replaces the address of the register’s kind, or adds it, and sets the chosen fields only', () => {
    expect(suggestionPatch(account, found, ['name', 'address'])).toEqual({
      name: 'Fjällvind Energi AB',
      addresses: [
        account.addresses[0],
        { kind: 'postal', street: 'Box 118', postcode: '831 22', city: 'Östersund', country: 'SE' },
      ],
    });
  });

  it('names a chosen field the register did not give', () => {
    const error = (() => {
      try {
        suggestionPatch(account, found, ['name', 'legalForm']);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([
      { name: 'fields.1', reason: 'the register gave no legalForm' },
    ]);
  });

  it('refuses a suggestion about another number, and a "not found"', () => {
    const renumbered = { ...account, orgNumber: '556677-8899' } as Account;
    const notFound = suggestionOf(
      account,
      { country: 'SE', orgNumber: '559214-7366' },
      { status: 'not-found' },
      'x',
    );

    expect(() => suggestionPatch(renumbered, found, ['name'])).toThrow(ConflictError);
    expect(() => suggestionPatch(account, notFound, ['name'])).toThrow(ConflictError);
  });
});

describe('the struck-off flag', () => {
  const struckOff = { ...found, struckOff: true, struckOffOn: '2022-11-30' };

  it('is set from a struck-off answer and kept as it was when the register says the same again', () => {
    const flag = struckOffFlag(undefined, struckOff);
    const again = struckOffFlag(flag, { ...struckOff, fetchedAt: '2026-12-06T08:00:00.000Z' });

    expect(flag).toEqual({ on: '2022-11-30', reportedAt: '2026-12-05T08:00:00.000Z' });
    expect(again).toBe(flag);
  });

  it('is cleared by an active company or an unknown number', () => {
    const flag = struckOffFlag(undefined, struckOff);

    expect(struckOffFlag(flag, found)).toBeUndefined();
    expect(struckOffFlag(flag, { ...found, status: 'not-found' })).toBeUndefined();
  });
});
