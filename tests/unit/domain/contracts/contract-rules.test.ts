import { describe, expect, it } from 'vitest';
import type { Contract } from '#domain/contracts/contract';
import { contractNumber } from '#domain/contracts/contract-drafting';
import { termEntries } from '#domain/contracts/contract-due';
import { contractRulesProblems, defaultContractSettings } from '#domain/contracts/contract-settings';
import { canMove, finalStates, moveContract } from '#domain/contracts/contract-transitions';
import { plusMonths, supplyStartDate } from '#domain/contracts/supply-start';
import { ConflictError } from '#domain/errors';

const slovak = { country: 'SK', kind: 'first-of-month', minDays: 21 } as const;
const swedish = { country: 'SE', kind: 'any-day', minDays: 14 } as const;

describe('the supply start a market allows', () => {
  it('is in Slovakia the first day of a month at least 21 days ahead', () => {
    expect(supplyStartDate(slovak, '2026-12-04')).toBe('2027-01-01');
    expect(supplyStartDate(slovak, '2026-12-11')).toBe('2027-01-01');
    expect(supplyStartDate(slovak, '2026-12-12')).toBe('2027-02-01');
  });

  it('is in Sweden any day at least 14 days ahead', () => {
    expect(supplyStartDate(swedish, '2026-12-04')).toBe('2026-12-18');
    expect(supplyStartDate(swedish, '2026-12-20')).toBe('2027-01-03');
  });

  it('keeps a later day the customer asked for, moved to a month’s first day in Slovakia', () => {
    expect(supplyStartDate(swedish, '2026-12-04', '2027-03-15')).toBe('2027-03-15');
    expect(supplyStartDate(slovak, '2026-12-04', '2027-03-15')).toBe('2027-04-01');
    expect(supplyStartDate(slovak, '2026-12-04', '2026-12-10')).toBe('2027-01-01');
  });

  it('is the requested day, or today, without a rule for the country', () => {
    expect(supplyStartDate(undefined, '2026-12-04')).toBe('2026-12-04');
    expect(supplyStartDate(undefined, '2026-12-04', '2027-02-02')).toBe('2027-02-02');
  });

  it('adds months on the calendar, keeping to the month’s last day', () => {
    expect(plusMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(plusMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(plusMonths('2026-11-15', 26)).toBe('2029-01-15');
  });
});

describe('contract transitions', () => {
  const draft = {
    id: 'c1',
    tenantId: 't1',
    version: 1,
    state: 'draft',
    updatedAt: '2026-12-01T00:00:00.000Z',
    updatedBy: 'u1',
  } as Contract;
  const at = new Date('2026-12-04T10:00:00.000Z');

  it('allow the signing path and refuse a move back', () => {
    expect(canMove('draft', 'sent')).toBe(true);
    expect(canMove('sent', 'signed')).toBe(true);
    expect(canMove('signed', 'cancelled')).toBe(false);
    expect(canMove('expired', 'signed')).toBe(false);
    expect([...finalStates].sort()).toEqual([
      'cancelled',
      'declined',
      'ended',
      'expired',
      'terminated',
      'withdrawn',
    ]);
  });

  it('record who moved the contract, when and why, numbered by the new version', () => {
    const { contract, transition } = moveContract(
      draft,
      'cancelled',
      { kind: 'user', id: 'u2' },
      at,
      {},
      'customer changed their mind',
    );

    expect(contract).toMatchObject({
      state: 'cancelled',
      version: 2,
      stateChangedAt: at.toISOString(),
      updatedBy: 'u2',
    });
    expect(transition).toEqual({
      contractId: 'c1',
      version: 2,
      at: at.toISOString(),
      from: 'draft',
      to: 'cancelled',
      actor: { kind: 'user', id: 'u2' },
      reason: 'customer changed their mind',
    });
  });

  it('refuse a move the state does not allow, as a conflict', () => {
    const signed = { ...draft, state: 'signed' } as Contract;
    expect(() => moveContract(signed, 'cancelled', { kind: 'user', id: 'u2' }, at)).toThrow(ConflictError);
  });
});

describe('contract numbers and due lists', () => {
  it('number contracts by year and a six-digit sequence', () => {
    expect(contractNumber('2026', 42)).toBe('2026-000042');
  });

  it('put a fixed term on the renewal list its notice before the end, and on the end list the day after', () => {
    const contract = {
      id: 'c1',
      tenantId: 't1',
      term: { kind: 'fixed', months: 24, endDate: '2028-12-31' },
    } as Contract;

    expect(termEntries(contract, { renewalNoticeDays: 60 })).toEqual([
      { kind: 'RENEWAL', due: '2028-11-01', tenantId: 't1', contractId: 'c1' },
      { kind: 'END', due: '2029-01-01', tenantId: 't1', contractId: 'c1' },
    ]);
    expect(termEntries({ ...contract, term: { kind: 'indefinite' } }, { renewalNoticeDays: 60 })).toEqual([]);
  });
});

describe('contract rules', () => {
  it('default to the country’s language and the market rules', () => {
    const settings = defaultContractSettings('t1', 'SK');
    expect(settings).toMatchObject({ version: 0, locale: 'sk', withdrawalDays: 14 });
    expect(contractRulesProblems(settings)).toEqual([]);
  });

  it('name each rule at fault', () => {
    const rules = {
      ...defaultContractSettings('t1', 'SE'),
      locale: 'swedish',
      recheckAfterDays: -1,
      supplyStartRules: [swedish, { ...swedish, minDays: 1.5 }],
    };
    expect(contractRulesProblems(rules).map((p) => p.name)).toEqual([
      'locale',
      'recheckAfterDays',
      'supplyStartRules.1.country',
      'supplyStartRules.1.minDays',
    ]);
  });
});
