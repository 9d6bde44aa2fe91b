import { describe, expect, it } from 'vitest';
import type { RuleContent } from '#domain/commissions/commission-rule';
import { validateRuleContent } from '#domain/commissions/rule-validation';
import { ValidationError } from '#domain/errors';
import { ruleVersion } from '../../../support/commission-fixture';

const content = (extra: Partial<RuleContent> = {}): RuleContent => {
  const {
    ruleId: _id,
    version: _v,
    validFrom: _from,
    createdAt: _at,
    createdBy: _by,
    ...rest
  } = ruleVersion();
  return { ...rest, ...extra };
};

/** The names of the fields the content is refused for; none when it is accepted. */
function refusedFields(extra: Partial<RuleContent>): string[] {
  try {
    validateRuleContent(content(extra));
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.fields.map((f) => f.name);
  }
}

describe('validateRuleContent', () => {
  it('returns valid content as it is', () => {
    const valid = content({
      match: { consumptionKwh: { from: 0, to: 100_000 } },
      payout: {
        kind: 'steps',
        steps: [
          { basisPoints: 7_000, anchor: 'supply-start', afterMonths: 0 },
          { basisPoints: 3_000, anchor: 'supply-start', afterMonths: 12 },
        ],
      },
    });

    expect(validateRuleContent(valid)).toBe(valid);
  });

  it('names split when the company and sales parts do not add up to 10 000', () => {
    expect(refusedFields({ split: { companyBasisPoints: 2_500, salesBasisPoints: 7_000 } })).toEqual([
      'split',
    ]);
    expect(refusedFields({ split: { companyBasisPoints: 5_000, salesBasisPoints: 5_001 } })).toEqual([
      'split',
    ]);
    expect(refusedFields({ split: { companyBasisPoints: 0, salesBasisPoints: 10_000 } })).toEqual([]);
  });

  it('names payout.steps when the steps do not add up to 10 000', () => {
    const steps = (...basisPoints: number[]) => ({
      kind: 'steps' as const,
      steps: basisPoints.map((bp) => ({ basisPoints: bp, anchor: 'signing' as const, afterMonths: 0 })),
    });

    expect(refusedFields({ payout: steps(7_000, 2_000) })).toEqual(['payout.steps']);
    expect(refusedFields({ payout: steps(7_000, 3_001) })).toEqual(['payout.steps']);
    expect(refusedFields({ payout: steps() })).toEqual(['payout.steps']);
    expect(refusedFields({ payout: steps(...Array.from({ length: 13 }, () => 0), 10_000) })).toEqual([
      'payout.steps',
    ]);
    expect(refusedFields({ payout: steps(...Array.from({ length: 11 }, () => 0), 10_000) })).toEqual([]);
  });

  it('names payout.months when a monthly payout runs for fewer than 1 or more than 36 months', () => {
    const monthly = (months: number) => ({ kind: 'monthly' as const, anchor: 'signing' as const, months });

    expect(refusedFields({ payout: monthly(0) })).toEqual(['payout.months']);
    expect(refusedFields({ payout: monthly(37) })).toEqual(['payout.months']);
    expect(refusedFields({ payout: monthly(1) })).toEqual([]);
    expect(refusedFields({ payout: monthly(36) })).toEqual([]);
  });

  it('refuses a consumption range without ends, or one whose to is not above its from', () => {
    expect(refusedFields({ match: { consumptionKwh: {} } })).toEqual(['match.consumptionKwh']);
    expect(refusedFields({ match: { consumptionKwh: { from: 50_000, to: 20_000 } } })).toEqual([
      'match.consumptionKwh.to',
    ]);
    expect(refusedFields({ match: { consumptionKwh: { from: 50_000, to: 50_000 } } })).toEqual([
      'match.consumptionKwh.to',
    ]);
    expect(refusedFields({ match: { consumptionKwh: { from: 50_000 } } })).toEqual([]);
    expect(refusedFields({ match: { consumptionKwh: { to: 50_000 } } })).toEqual([]);
  });

  it('refuses a currency that is not an ISO 4217 code', () => {
    expect(refusedFields({ currency: 'XYZ' })).toEqual(['currency']);
    expect(refusedFields({ currency: 'eur' })).toEqual(['currency']);
    expect(refusedFields({ currency: 'SEK' })).toEqual([]);
  });

  it('names every problem at once', () => {
    expect(
      refusedFields({
        currency: 'EURO',
        split: { companyBasisPoints: 1, salesBasisPoints: 1 },
        match: { consumptionKwh: { from: 2, to: 1 } },
        payout: { kind: 'monthly', anchor: 'signing', months: 0 },
      }),
    ).toEqual(['currency', 'split', 'match.consumptionKwh.to', 'payout.months']);
  });
});
