import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '#domain/energy/pricing/calendar-date';
import {
  appliesOn,
  createPriceList,
  entriesOf,
  maxPricesPerList,
  overlapConflict,
  overlaps,
  type Price,
  type PriceEntry,
  type PriceListDraft,
  territoryProblems,
  validatePriceListDraft,
} from '#domain/energy/pricing/price-list';
import { createProduct } from '#domain/energy/pricing/product';
import type { Territory } from '#domain/energy/territory';
import type { Nullable } from '#domain/patch';
import type { ChangeContext } from '#domain/stamps';
import { invalidFieldsOf } from '../../../../support/validation-error';

const ctx: ChangeContext = {
  tenant: {
    id: 'tenant-sk',
    name: 'Tatra Energia',
    country: 'SK',
    currency: 'EUR',
    timeZone: 'Europe/Bratislava',
  },
  userId: 'admin-1',
  now: new Date('2025-05-01T09:00:00.000Z'),
};

const price = (territoryCode: string, bandCode: string, unit = 8990, fee = 250): Price => ({
  territoryCode,
  bandCode,
  unitPricePerMwhMinor: unit,
  monthlyFeeMinor: fee,
});

const draft = (overrides: Partial<Nullable<PriceListDraft>> = {}): Nullable<PriceListDraft> => ({
  validFrom: '2025-01-01',
  validTo: '2025-07-01',
  prices: [price('SK-ZSD', 'DD1'), price('SK-ZSD', 'DD2')],
  ...overrides,
});

const entry = (validFrom: string, validTo?: string, priceListVersion = 1): PriceEntry => ({
  productId: 'product-1',
  territoryCode: 'SK-ZSD',
  bandCode: 'DD1',
  validFrom,
  ...(validTo ? { validTo } : {}),
  unitPricePerMwhMinor: 8990,
  monthlyFeeMinor: 250,
  currency: 'EUR',
  priceListVersion,
});

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    expect(['2024-02-29', '2025-12-31', '2025-01-01'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2025-02-29', '2025-13-01', '2025-1-01', '2025-01-01T00:00', ''].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('validatePriceListDraft', () => {
  it('keeps a valid draft and drops a null validTo (open-ended)', () => {
    // Act
    const valid = validatePriceListDraft(draft({ validTo: null, prices: [price(' SK-ZSD ', 'DD1')] }));

    // Assess
    expect(valid).toEqual({ validFrom: '2025-01-01', prices: [price('SK-ZSD', 'DD1')] });
  });

  it('refuses a validTo on or before validFrom, naming validTo', () => {
    expect(invalidFieldsOf(() => validatePriceListDraft(draft({ validTo: '2025-01-01' })))).toEqual([
      'validTo',
    ]);
    expect(invalidFieldsOf(() => validatePriceListDraft(draft({ validTo: '2024-12-31' })))).toEqual([
      'validTo',
    ]);
  });

  it('refuses dates that are not calendar days', () => {
    const fields = invalidFieldsOf(() =>
      validatePriceListDraft(draft({ validFrom: '2025-02-30', validTo: '2025-13-01' })),
    );
    expect(fields).toEqual(['validFrom', 'validTo']);
  });

  it('refuses negative, fractional and unsafe amounts, naming each price field', () => {
    // Prepare
    const prices = [
      price('SK-ZSD', 'DD1', -1, 250),
      price('SK-ZSD', 'DD2', 8990, 2.5),
      price('SK-ZSD', 'DD3', 2 ** 60),
    ];

    // Act
    const fields = invalidFieldsOf(() => validatePriceListDraft(draft({ prices })));

    // Assess
    expect(fields).toEqual([
      'prices.0.unitPricePerMwhMinor',
      'prices.1.monthlyFeeMinor',
      'prices.2.unitPricePerMwhMinor',
    ]);
  });

  it('keeps a margin within the unit price, and leaves an absent one absent', () => {
    // Prepare
    const prices = [{ ...price('SK-ZSD', 'DD1', 8990), marginPerMwhMinor: 900 }, price('SK-ZSD', 'DD2')];

    // Act
    const valid = validatePriceListDraft(draft({ prices }));

    // Assess
    expect(valid.prices[0]).toEqual({ ...price('SK-ZSD', 'DD1', 8990), marginPerMwhMinor: 900 });
    expect(valid.prices[1]).not.toHaveProperty('marginPerMwhMinor');
  });

  it('refuses a margin above the unit price, negative or fractional, naming the margin', () => {
    // Prepare
    const prices = [
      { ...price('SK-ZSD', 'DD1', 8990), marginPerMwhMinor: 8991 },
      { ...price('SK-ZSD', 'DD2', 8990), marginPerMwhMinor: -1 },
      { ...price('SK-ZSD', 'DD3', 8990), marginPerMwhMinor: 899.5 },
      { ...price('SK-ZSD', 'DD4', 8990), marginPerMwhMinor: 8990 },
    ];

    // Act
    const fields = invalidFieldsOf(() => validatePriceListDraft(draft({ prices })));

    // Assess
    expect(fields).toEqual([
      'prices.0.marginPerMwhMinor',
      'prices.1.marginPerMwhMinor',
      'prices.2.marginPerMwhMinor',
    ]);
  });

  it('refuses a second price for the same territory and band', () => {
    const prices = [price('SK-ZSD', 'DD1'), price('SK-VSD', 'DD1'), price('SK-ZSD', 'DD1', 9990)];
    expect(invalidFieldsOf(() => validatePriceListDraft(draft({ prices })))).toEqual(['prices.2']);
  });

  it(`takes 1 to ${maxPricesPerList} prices`, () => {
    // Prepare
    const many = Array.from({ length: maxPricesPerList + 1 }, (_, i) => price('SK-ZSD', `B${i}`));

    // Act
    const atMost = validatePriceListDraft(draft({ prices: many.slice(0, maxPricesPerList) }));

    // Assess
    expect(atMost.prices).toHaveLength(maxPricesPerList);
    expect(invalidFieldsOf(() => validatePriceListDraft(draft({ prices: many })))).toEqual(['prices']);
    expect(invalidFieldsOf(() => validatePriceListDraft(draft({ prices: [] })))).toEqual(['prices']);
  });

  it('refuses blank codes and codes with the key separator "#"', () => {
    const fields = invalidFieldsOf(() => validatePriceListDraft(draft({ prices: [price('  ', 'D#1')] })));
    expect(fields).toEqual(['prices.0.territoryCode', 'prices.0.bandCode']);
  });
});

describe('territoryProblems', () => {
  const territory = (code: string, commodity: string): Territory => ({
    code,
    name: code,
    country: 'SK',
    commodity,
    version: 1,
  });

  it('names each price whose territory is unknown or serves another commodity', () => {
    // Prepare
    const known = new Map<string, Territory | undefined>([
      ['SK-ZSD', territory('SK-ZSD', 'electricity')],
      ['SK-SPPD', territory('SK-SPPD', 'gas')],
      ['SK-NONE', undefined],
    ]);
    const prices = [price('SK-ZSD', 'DD1'), price('SK-NONE', 'DD1'), price('SK-SPPD', 'D1')];

    // Act
    const problems = territoryProblems(prices, known, 'electricity');

    // Assess
    expect(problems).toEqual([
      { name: 'prices.1.territoryCode', reason: 'this tenant has no territory SK-NONE' },
      { name: 'prices.2.territoryCode', reason: 'territory SK-SPPD serves gas, not electricity' },
    ]);
  });
});

describe('overlaps', () => {
  it('treats validTo as exclusive, so adjacent periods do not overlap', () => {
    expect(overlaps({ validFrom: '2025-01-01', validTo: '2025-07-01' }, { validFrom: '2025-07-01' })).toBe(
      false,
    );
    expect(overlaps({ validFrom: '2025-07-01' }, { validFrom: '2025-01-01', validTo: '2025-07-01' })).toBe(
      false,
    );
  });

  it('finds a shared day, including with open-ended periods', () => {
    expect(overlaps({ validFrom: '2025-01-01', validTo: '2025-07-02' }, { validFrom: '2025-07-01' })).toBe(
      true,
    );
    expect(overlaps({ validFrom: '2026-01-01' }, { validFrom: '2025-01-01' })).toBe(true);
    expect(overlaps({ validFrom: '2024-01-01', validTo: '2024-01-02' }, { validFrom: '2024-01-01' })).toBe(
      true,
    );
    expect(overlaps({ validFrom: '2024-01-01', validTo: '2024-01-02' }, { validFrom: '2024-01-02' })).toBe(
      false,
    );
  });
});

describe('appliesOn', () => {
  it('applies from validFrom up to the day before validTo', () => {
    const e = entry('2025-01-01', '2025-07-01');
    expect(['2024-12-31', '2025-01-01', '2025-06-30', '2025-07-01'].map((d) => appliesOn(e, d))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(appliesOn(entry('2025-01-01'), '2099-12-31')).toBe(true);
  });
});

describe('overlapConflict', () => {
  const next = validatePriceListDraft(draft({ validFrom: '2025-07-01', validTo: null }));

  it('accepts a list that starts where the previous one ends, or series without prices', () => {
    expect(overlapConflict(next, [entry('2025-01-01', '2025-07-01'), undefined])).toBeUndefined();
  });

  it('refuses an overlap, naming validFrom and the list it overlaps', () => {
    // Act
    const conflict = overlapConflict(next, [
      undefined,
      { ...entry('2025-01-01'), bandCode: 'DD2', priceListVersion: 4 },
    ]);

    // Assess
    expect(conflict?.fields).toEqual([
      {
        name: 'validFrom',
        reason:
          '2025-07-01 to open end overlaps price list 4 (2025-01-01 to open end) for territory SK-ZSD band DD2',
      },
    ]);
  });

  it('catches a neighbour that starts inside the new period', () => {
    const earlier = validatePriceListDraft(draft({ validFrom: '2024-01-01', validTo: '2025-03-01' }));
    expect(overlapConflict(earlier, [entry('2025-01-01', '2025-07-01'), undefined])).toBeDefined();
  });

  it('counts the other series that clash', () => {
    const conflict = overlapConflict(next, [
      entry('2025-06-01'),
      { ...entry('2025-06-01'), bandCode: 'DD2' },
    ]);
    expect(conflict?.fields[0]?.reason).toMatch(/and 1 more territory\/band series\)$/);
  });
});

describe('createPriceList and entriesOf', () => {
  it('numbers the list after the product’s last one, prices it in the product’s currency, one entry per price', () => {
    // Prepare
    const product = {
      ...createProduct('product-1', { name: 'Fix', code: 'FIX', commodity: 'electricity' }, ctx),
      priceListCount: 2,
    };

    // Act
    const list = createPriceList(product, validatePriceListDraft(draft()), ctx);

    // Assess
    expect(list).toMatchObject({
      tenantId: 'tenant-sk',
      productId: 'product-1',
      version: 3,
      currency: 'EUR',
      publishedAt: '2025-05-01T09:00:00.000Z',
      publishedBy: 'admin-1',
    });
    expect(entriesOf(list)).toEqual([
      { ...entry('2025-01-01', '2025-07-01', 3) },
      { ...entry('2025-01-01', '2025-07-01', 3), bandCode: 'DD2' },
    ]);
  });

  it('copies each price’s margin onto its entry', () => {
    // Prepare
    const product = createProduct('product-1', { name: 'Fix', code: 'FIX', commodity: 'electricity' }, ctx);
    const prices = [{ ...price('SK-ZSD', 'DD1'), marginPerMwhMinor: 900 }, price('SK-ZSD', 'DD2')];

    // Act
    const entries = entriesOf(createPriceList(product, validatePriceListDraft(draft({ prices })), ctx));

    // Assess
    expect(entries[0]).toEqual({ ...entry('2025-01-01', '2025-07-01', 1), marginPerMwhMinor: 900 });
    expect(entries[1]).not.toHaveProperty('marginPerMwhMinor');
  });
});
