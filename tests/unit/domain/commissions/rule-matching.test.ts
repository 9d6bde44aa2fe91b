import { describe, expect, it } from 'vitest';
import {
  type CommissionRule,
  periodOf,
  type RuleVersion,
  specificityOf,
  versionOn,
} from '#domain/commissions/commission-rule';
import { couldBothMatch, factsOf, matches, ruleFor, tiesOf } from '#domain/commissions/rule-matching';
import type { Contract } from '#domain/contracts/contract';
import { ruleOf } from '../../../support/commission-fixture';
import { sampleContract } from '../../../support/contract-fixture';

const contract = sampleContract();
const facts = factsOf(contract);

/** The sample contract with every line in band P3. */
const allP3 = (): Contract =>
  sampleContract({ lines: contract.lines.map((l) => ({ ...l, bandCode: 'P3' })) });

describe('factsOf', () => {
  it('reads product, commodity, customer type, bands, territories, total consumption and currency', () => {
    expect(facts).toEqual({
      productId: 'product-1',
      commodity: 'electricity',
      customerType: 'B2B',
      bandCodes: ['P3', 'P2'],
      territoryCodes: ['ZSD', 'ZSD'],
      consumptionKwh: 100_500,
      consumptionKnown: true,
      currency: 'EUR',
    });
  });

  it('carries the deal type when the deal has one', () => {
    const typed = sampleContract({ deal: { ...contract.deal, typeId: 'renewal' } });

    expect(factsOf(typed).dealTypeId).toBe('renewal');
  });

  it('counts a line without an annual consumption as zero', () => {
    const [first, second] = contract.lines;
    const { annualConsumptionKwh: _kwh, ...unknown } = second!;

    expect(factsOf(sampleContract({ lines: [first!, unknown] })).consumptionKwh).toBe(86_000);
  });
});

describe('matches', () => {
  it('matches anything when the rule sets no criterion', () => {
    expect(matches({}, facts)).toBe(true);
  });

  it('compares product, customer type, commodity and deal type one to one', () => {
    expect(matches({ productId: 'product-1', customerType: 'B2B', commodity: 'electricity' }, facts)).toBe(
      true,
    );
    expect(matches({ productId: 'product-2' }, facts)).toBe(false);
    expect(matches({ customerType: 'B2C' }, facts)).toBe(false);
    expect(matches({ commodity: 'gas' }, facts)).toBe(false);
    expect(matches({ dealTypeId: 'renewal' }, facts)).toBe(false);
    expect(matches({ dealTypeId: 'renewal' }, { ...facts, dealTypeId: 'renewal' })).toBe(true);
  });

  it('matches a band only when every line was priced in it', () => {
    expect(matches({ bandCode: 'P3' }, facts)).toBe(false);
    expect(matches({ bandCode: 'P2' }, facts)).toBe(false);
    expect(matches({ bandCode: 'P3' }, factsOf(allP3()))).toBe(true);
    expect(matches({ bandCode: 'P3' }, { ...facts, bandCodes: ['P3', undefined] })).toBe(false);
    expect(matches({ bandCode: 'P3' }, { ...facts, bandCodes: [] })).toBe(false);
  });

  it('matches a territory only when every line is in it', () => {
    expect(matches({ territoryCode: 'ZSD' }, facts)).toBe(true);
    expect(matches({ territoryCode: 'ZSD' }, { ...facts, territoryCodes: ['ZSD', 'SSD'] })).toBe(false);
    expect(matches({ territoryCode: 'ZSD' }, { ...facts, territoryCodes: [] })).toBe(false);
  });

  it('matches a consumption range with its from included and its to excluded', () => {
    expect(matches({ consumptionKwh: { from: 100_500 } }, facts)).toBe(true);
    expect(matches({ consumptionKwh: { from: 100_501 } }, facts)).toBe(false);
    expect(matches({ consumptionKwh: { to: 100_500 } }, facts)).toBe(false);
    expect(matches({ consumptionKwh: { to: 100_501 } }, facts)).toBe(true);
    expect(matches({ consumptionKwh: { from: 50_000, to: 150_000 } }, facts)).toBe(true);
  });
});

describe('versionOn', () => {
  const rule = ruleOf('r', [
    { validFrom: '2026-01-01' },
    { validFrom: '2026-06-01' },
    { validFrom: '2027-01-01' },
  ]);

  it('picks the newest version started on the day', () => {
    expect(versionOn(rule, '2026-05-31')?.version).toBe(1);
    expect(versionOn(rule, '2026-06-01')?.version).toBe(2);
    expect(versionOn(rule, '2026-12-04')?.version).toBe(2);
    expect(versionOn(rule, '2027-01-01')?.version).toBe(3);
  });

  it('finds none before the first version starts, nor once an inactive version retired the rule', () => {
    const retired = ruleOf('r', [{ validFrom: '2026-01-01' }, { validFrom: '2026-06-01', active: false }]);

    expect(versionOn(rule, '2025-12-31')).toBeUndefined();
    expect(versionOn(retired, '2026-06-01')).toBeUndefined();
    expect(versionOn(retired, '2026-05-31')?.version).toBe(1);
  });
});

describe('periodOf', () => {
  it('runs a version from its validFrom until the next version starts, open for the newest', () => {
    const rule = ruleOf('r', [{ validFrom: '2026-01-01' }, { validFrom: '2026-06-01' }]);

    expect(periodOf(rule, rule.versions[0]!)).toEqual({ from: '2026-01-01', until: '2026-06-01' });
    expect(periodOf(rule, rule.versions[1]!)).toEqual({ from: '2026-06-01' });
  });
});

describe('specificityOf', () => {
  it('counts the criteria a rule sets', () => {
    expect(specificityOf({})).toBe(0);
    expect(specificityOf({ productId: 'p', consumptionKwh: { to: 1 }, territoryCode: 'ZSD' })).toBe(3);
  });
});

describe('ruleFor', () => {
  const day = '2026-12-04';

  it('picks the most specific matching version, whatever the order of the rules', () => {
    const rules = [
      ruleOf('any', [{ match: {} }]),
      ruleOf('product-in-zsd', [{ match: { productId: 'product-1', territoryCode: 'ZSD' } }]),
      ruleOf('product', [{ match: { productId: 'product-1' } }]),
      ruleOf('p3-product-in-zsd', [
        { match: { productId: 'product-1', territoryCode: 'ZSD', bandCode: 'P3' } },
      ]),
    ];

    expect(ruleFor(rules, facts, day)?.ruleId).toBe('product-in-zsd');
    expect(ruleFor([...rules].reverse(), facts, day)?.ruleId).toBe('product-in-zsd');
    expect(ruleFor(rules, factsOf(allP3()), day)?.ruleId).toBe('p3-product-in-zsd');
  });

  it('picks the version in force on the signing day', () => {
    const rules = [
      ruleOf('r', [
        { validFrom: '2026-01-01', amount: { kind: 'fixed', amountMinor: 1 } },
        { validFrom: '2026-12-01', amount: { kind: 'fixed', amountMinor: 2 } },
        { validFrom: '2026-12-05', amount: { kind: 'fixed', amountMinor: 3 } },
      ]),
    ];

    expect(ruleFor(rules, facts, day)?.version).toBe(2);
    expect(ruleFor(rules, facts, '2026-11-30')?.version).toBe(1);
  });

  it('takes only rules in the contract’s currency', () => {
    const rules = [
      ruleOf('sek', [{ currency: 'SEK', match: { productId: 'product-1' } }]),
      ruleOf('eur', [{ currency: 'EUR', match: {} }]),
    ];

    expect(ruleFor(rules, facts, day)?.ruleId).toBe('eur');
    expect(ruleFor(rules, { ...facts, currency: 'SEK' }, day)?.ruleId).toBe('sek');
    expect(ruleFor(rules, { ...facts, currency: 'CZK' }, day)).toBeUndefined();
  });

  it('ignores a retired rule and a rule not yet started, even when more specific', () => {
    const rules = [
      ruleOf('retired', [
        { validFrom: '2026-01-01', match: { productId: 'product-1' } },
        { validFrom: '2026-11-01', match: { productId: 'product-1' }, active: false },
      ]),
      ruleOf('future', [{ validFrom: '2026-12-05', match: { productId: 'product-1' } }]),
      ruleOf('any', [{ match: {} }]),
    ];

    expect(ruleFor(rules, facts, day)?.ruleId).toBe('any');
    expect(ruleFor(rules.slice(0, 2), facts, day)).toBeUndefined();
  });

  it('finds nothing when no rule matches', () => {
    expect(ruleFor([ruleOf('gas', [{ match: { commodity: 'gas' } }])], facts, day)).toBeUndefined();
    expect(ruleFor([], facts, day)).toBeUndefined();
  });
});

describe('couldBothMatch', () => {
  it('tells rules apart only by a criterion both set differently, or disjoint consumption ranges', () => {
    expect(couldBothMatch({ productId: 'a' }, { productId: 'b' })).toBe(false);
    expect(couldBothMatch({ productId: 'a' }, { territoryCode: 'ZSD' })).toBe(true);
    expect(couldBothMatch({ productId: 'a' }, { commodity: 'gas' })).toBe(true);
    expect(couldBothMatch({ consumptionKwh: { to: 50_000 } }, { consumptionKwh: { from: 50_000 } })).toBe(
      false,
    );
    expect(couldBothMatch({ consumptionKwh: { from: 50_000 } }, { consumptionKwh: { to: 50_000 } })).toBe(
      false,
    );
    expect(couldBothMatch({ consumptionKwh: { to: 50_001 } }, { consumptionKwh: { from: 50_000 } })).toBe(
      true,
    );
    expect(couldBothMatch({ consumptionKwh: { to: 50_000 } }, {})).toBe(true);
  });
});

describe('tiesOf', () => {
  type Candidate = Pick<RuleVersion, 'validFrom' | 'match' | 'currency' | 'active'>;
  const candidate: Candidate = {
    validFrom: '2027-01-01',
    match: { productId: 'product-1' },
    currency: 'EUR',
    active: true,
  };
  const tiesWith = (others: CommissionRule[], extra: Partial<Candidate> = {}) =>
    tiesOf(others, 'mine', { ...candidate, ...extra });

  it('reports an equally specific active rule in force meanwhile that could match the same contract', () => {
    const other = ruleOf('other', [{ match: { territoryCode: 'ZSD' }, name: 'ZSD' }]);

    expect(tiesWith([other])).toEqual([{ ruleId: 'other', name: 'ZSD' }]);
  });

  it('names the other rule by its newest version', () => {
    const other = ruleOf('other', [
      { validFrom: '2026-01-01', match: { productId: 'product-1' }, name: 'Old name' },
      { validFrom: '2027-06-01', match: { productId: 'product-1' }, name: 'New name' },
    ]);

    expect(tiesWith([other])).toEqual([{ ruleId: 'other', name: 'New name' }]);
  });

  it('never reports the rule the candidate belongs to', () => {
    expect(tiesWith([ruleOf('mine', [{ match: { productId: 'product-1' } }])])).toEqual([]);
  });

  it('reports nothing for an inactive candidate', () => {
    expect(tiesWith([ruleOf('other', [{ match: { productId: 'product-1' } }])], { active: false })).toEqual(
      [],
    );
  });

  it('does not report a rule told apart by a criterion set differently', () => {
    expect(tiesWith([ruleOf('other', [{ match: { productId: 'product-2' } }])])).toEqual([]);
  });

  it('does not report a rule over a disjoint consumption range, but one over an overlapping range', () => {
    const small = ruleOf('small', [{ match: { consumptionKwh: { to: 50_000 } } }]);
    const mid = ruleOf('mid', [{ match: { consumptionKwh: { from: 40_000, to: 60_000 } } }]);
    const large = { match: { consumptionKwh: { from: 50_000 } } };

    expect(tiesWith([small, mid], large).map((t) => t.ruleId)).toEqual(['mid']);
  });

  it('does not report a rule in another currency', () => {
    expect(tiesWith([ruleOf('other', [{ currency: 'SEK', match: { productId: 'product-1' } }])])).toEqual([]);
  });

  it('does not report a rule more or less specific', () => {
    const more = ruleOf('more', [{ match: { productId: 'product-1', territoryCode: 'ZSD' } }]);
    const less = ruleOf('less', [{ match: {} }]);

    expect(tiesWith([more, less])).toEqual([]);
  });

  it('does not report a version whose period ended before the candidate starts', () => {
    const replaced = ruleOf('replaced', [
      { validFrom: '2026-01-01', match: { productId: 'product-1' } },
      { validFrom: '2026-06-01', match: { productId: 'product-2' } },
    ]);
    const retired = ruleOf('retired', [
      { validFrom: '2026-01-01', match: { productId: 'product-1' } },
      { validFrom: '2026-06-01', match: { productId: 'product-1' }, active: false },
    ]);

    expect(tiesWith([replaced, retired], { validFrom: '2026-06-01' })).toEqual([]);
    expect(tiesWith([replaced, retired], { validFrom: '2026-05-31' }).map((t) => t.ruleId)).toEqual([
      'replaced',
      'retired',
    ]);
  });

  it('reports a version that starts after the candidate', () => {
    const later = ruleOf('later', [{ validFrom: '2028-01-01', match: { productId: 'product-1' } }]);

    expect(tiesWith([later]).map((t) => t.ruleId)).toEqual(['later']);
  });

  it('does not report a version replaced on its first day, never in force', () => {
    const replaced = ruleOf('replaced', [
      { validFrom: '2027-06-01', match: { productId: 'product-1' } },
      { validFrom: '2027-06-01', match: { productId: 'product-2' } },
    ]);

    expect(tiesWith([replaced])).toEqual([]);
  });
});
