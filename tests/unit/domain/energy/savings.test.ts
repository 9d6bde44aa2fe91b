import { describe, expect, it } from 'vitest';
import { annualCost, calculateSavings, type Tariff } from '#domain/energy/savings';
import { validationErrorOf } from '../../../support/validation-error';

function eur(unitPricePerMwh: number, monthlyFee: number): Tariff {
  return { unitPricePerMwh, monthlyFee, currency: 'EUR' };
}

describe('annualCost', () => {
  it('adds the energy at the unit price and twelve monthly fees', () => {
    // Prepare: 895 SEK/MWh = 89 500 öre; 18 000 kWh → 89 500 × 18 000 / 1000 = 1 611 000 öre;
    //   39 SEK a month = 3 900 öre × 12 = 46 800 öre; total 1 657 800 öre
    const tariff: Tariff = { unitPricePerMwh: 89_500, monthlyFee: 3_900, currency: 'SEK' };

    // Act
    const cost = annualCost(tariff, 18_000);

    // Assess
    expect(cost).toBe(1_657_800);
  });

  it('rounds the energy part down below half a cent', () => {
    // Prepare: 5 890 × 12 345 / 1000 = 72 712.05 → 72 712; + 350 × 12 = 4 200 → 76 912
    const tariff = eur(5_890, 350);

    // Act
    const cost = annualCost(tariff, 12_345);

    // Assess
    expect(cost).toBe(76_912);
  });

  it('rounds half a cent of the energy part up', () => {
    // Prepare: 4 321 × 2 500 / 1000 = 10 802.5 → 10 803; no monthly fee
    const tariff = eur(4_321, 0);

    // Act
    const cost = annualCost(tariff, 2_500);

    // Assess
    expect(cost).toBe(10_803);
  });

  it('is the fixed part alone without consumption', () => {
    // Act
    const cost = annualCost(eur(5_890, 350), 0);

    // Assess
    expect(cost).toBe(4_200);
  });

  it('refuses fractional or negative money and consumption, naming each field', () => {
    // Prepare
    const tariff: Tariff = { unitPricePerMwh: 58.9, monthlyFee: -1, currency: 'eur' };

    // Act
    const error = validationErrorOf(() => annualCost(tariff, -5));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual([
      'unitPricePerMwh',
      'monthlyFee',
      'currency',
      'annualConsumptionKwh',
    ]);
  });
});

describe('calculateSavings', () => {
  it('gives the saving and its share of the current cost in basis points', () => {
    // Prepare: current 76 912 (above); offered 5 450 × 12 345 / 1000 = 67 280.25 → 67 280, + 299 × 12
    //   = 3 588 → 70 868; saving 6 044; 6 044 × 10 000 / 76 912 = 785.83 → 786 bp
    const current = eur(5_890, 350);
    const offered = eur(5_450, 299);

    // Act
    const savings = calculateSavings(current, offered, 12_345);

    // Assess
    expect(savings).toEqual({
      currency: 'EUR',
      currentAnnualCost: 76_912,
      offeredAnnualCost: 70_868,
      saving: 6_044,
      savingBasisPoints: 786,
    });
  });

  it('gives a negative saving when the offer costs more', () => {
    // Prepare: 5 000 vs 5 100 per MWh at 1 000 kWh: saving −100, −100 × 10 000 / 5 000 = −200 bp
    const current = eur(5_000, 0);
    const offered = eur(5_100, 0);

    // Act
    const savings = calculateSavings(current, offered, 1_000);

    // Assess
    expect(savings).toMatchObject({ saving: -100, savingBasisPoints: -200 });
  });

  it('rounds half a basis point away from zero', () => {
    // Prepare: 4 000 vs 4 001 at 1 000 kWh: saving −1, −1 × 10 000 / 4 000 = −2.5 → −3 bp
    const current = eur(4_000, 0);
    const offered = eur(4_001, 0);

    // Act
    const savings = calculateSavings(current, offered, 1_000);

    // Assess
    expect(savings).toMatchObject({ saving: -1, savingBasisPoints: -3 });
  });

  it('gives no share when the current cost is 0', () => {
    // Act
    const savings = calculateSavings(eur(0, 0), eur(4_000, 100), 1_000);

    // Assess
    expect(savings).toMatchObject({ currentAnnualCost: 0, offeredAnnualCost: 5_200, saving: -5_200 });
    expect(savings.savingBasisPoints).toBeNull();
  });

  it('refuses tariffs in different currencies, naming the offered currency', () => {
    // Prepare
    const offered: Tariff = { unitPricePerMwh: 89_500, monthlyFee: 3_900, currency: 'SEK' };

    // Act
    const error = validationErrorOf(() => calculateSavings(eur(5_890, 350), offered, 1_000));

    // Assess
    expect(error.fields).toEqual([
      { name: 'offered.currency', reason: 'is SEK, the current tariff is in EUR' },
    ]);
  });

  it('names invalid fields of each tariff with its side', () => {
    // Act
    const error = validationErrorOf(() => calculateSavings(eur(-1, 0), eur(100, 0.5), 1_000));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['current.unitPricePerMwh', 'offered.monthlyFee']);
  });
});
