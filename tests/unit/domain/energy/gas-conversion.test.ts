import { describe, expect, it } from 'vitest';
import {
  altitudeCoefficient,
  cubicMetresToKwh,
  type GasConversion,
  kwhToCubicMetres,
  kwhToWholeCubicMetres,
  type VolumeCoefficientTable,
  validateVolumeCoefficientTable,
  volumeCoefficientFor,
} from '#domain/energy/gas-conversion';
import {
  slovakDemoGrossCalorificValue,
  slovakDemoVolumeCoefficients,
} from '../../../../lib/local/seed-reference-tables';
import { unprocessableErrorOf } from '../../../support/unprocessable-error';
import { validationErrorOf } from '../../../support/validation-error';

// 0.9962 × 10.555 = 9962 × 10555 × 10^-7 = 105 148 910 × 10^-7 = 10.514891 kWh per m³
const lowland: GasConversion = { volumeCoefficient: '0.9962', grossCalorificValue: '10.555' };

describe('cubicMetresToKwh', () => {
  it('converts 1 234 m³ exactly and rounds down below the half', () => {
    // Prepare: 1234 × 105 148 910 = 129 753 754 940 → 12 975.3754940 kWh → 12 975
    const volume = 1234;

    // Act
    const kwh = cubicMetresToKwh(volume, lowland);

    // Assess
    expect(kwh).toBe(12_975);
  });

  it('rounds an exact half up', () => {
    // Prepare: 500 000 × 10.514891 = 5 257 445.5 exactly → 5 257 446
    const volume = 500_000;

    // Act
    const kwh = cubicMetresToKwh(volume, lowland);

    // Assess
    expect(kwh).toBe(5_257_446);
  });

  it('rounds just below the half down', () => {
    // Prepare: 2 × 99 999 × 1 025 = 204 997 950 × 10^-7 = 20.499795 → 20
    const conversion = { volumeCoefficient: '0.99999', grossCalorificValue: '10.25' };

    // Act
    const kwh = cubicMetresToKwh(2, conversion);

    // Assess
    expect(kwh).toBe(20);
  });

  it('takes a fractional volume written as a decimal string', () => {
    // Prepare: 1 234 567 × 105 148 910 = 129 813 374 371 970 × 10^-10 = 12 981.337… → 12 981
    const volume = '1234.567';

    // Act
    const kwh = cubicMetresToKwh(volume, lowland);

    // Assess
    expect(kwh).toBe(12_981);
  });

  it('gives 0 kWh for 0 m³', () => {
    // Act
    const kwh = cubicMetresToKwh(0, lowland);

    // Assess
    expect(kwh).toBe(0);
  });

  it.each([-1, 1.5, '-2', 'abc'])('refuses the volume %j, naming volume', (volume) => {
    // Act
    const error = validationErrorOf(() => cubicMetresToKwh(volume, lowland));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['volume']);
  });

  it('refuses a coefficient and calorific value that are not positive decimal strings, naming both', () => {
    // Prepare
    const conversion = { volumeCoefficient: '0,9962', grossCalorificValue: '0' };

    // Act
    const error = validationErrorOf(() => cubicMetresToKwh(100, conversion));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['volumeCoefficient', 'grossCalorificValue']);
  });
});

describe('kwhToCubicMetres', () => {
  it('converts 12 975 kWh to m³ with 3 decimals', () => {
    // Prepare: 12 975 × 10^10 / 105 148 910 = 1 233 964.289… thousandths → 1233.964
    const kwh = 12_975;

    // Act
    const m3 = kwhToCubicMetres(kwh, lowland);

    // Assess
    expect(m3).toBe('1233.964');
  });

  it('keeps trailing zeros and a leading zero', () => {
    // Prepare: 1 kWh at 1 × 8 kWh/m³ is 0.125 m³; 16 kWh is 2 m³
    const conversion = { volumeCoefficient: '1', grossCalorificValue: '8' };

    // Act
    const small = kwhToCubicMetres(1, conversion);
    const whole = kwhToCubicMetres(16, conversion);

    // Assess
    expect(small).toBe('0.125');
    expect(whole).toBe('2.000');
  });

  it('rounds an exact half of a litre up and less than half down', () => {
    // Prepare: at 16 kWh/m³, 1 kWh = 0.0625 m³ → 0.063; 1/32 at 32 kWh/m³ = 0.03125 → 0.031
    const sixteen = { volumeCoefficient: '1', grossCalorificValue: '16' };
    const thirtyTwo = { volumeCoefficient: '2', grossCalorificValue: '16' };

    // Act
    const half = kwhToCubicMetres(1, sixteen);
    const belowHalf = kwhToCubicMetres(1, thirtyTwo);

    // Assess
    expect(half).toBe('0.063');
    expect(belowHalf).toBe('0.031');
  });

  it('refuses a fractional or negative energy, naming kwh', () => {
    // Act
    const fractional = validationErrorOf(() => kwhToCubicMetres(1.5, lowland));
    const negative = validationErrorOf(() => kwhToCubicMetres(-1, lowland));

    // Assess
    expect(fractional.fields.map((f) => f.name)).toEqual(['kwh']);
    expect(negative.fields.map((f) => f.name)).toEqual(['kwh']);
  });
});

describe('altitudeCoefficient', () => {
  it.each([
    [-5, '0.9937'],
    [0, '0.9937'],
    [200, '0.9937'],
    [201, '0.9820'],
    [650, '0.9362'],
    [1000, '0.9085'],
    [1400, '0.8815'],
  ])(
    'gives an altitude of %i m the demo coefficient %s: a row holds altitudes up to its max',
    (altitude, expected) => {
      // Act
      const coefficient = altitudeCoefficient(slovakDemoVolumeCoefficients, altitude);

      // Assess
      expect(coefficient).toBe(expected);
    },
  );

  it('refuses an altitude above the table as unprocessable (422), saying where it ends', () => {
    // Act
    const error = unprocessableErrorOf(() => altitudeCoefficient(slovakDemoVolumeCoefficients, 1401));

    // Assess
    expect(error.fields).toEqual([
      { name: 'altitudeMeters', reason: '1401 m is above the coefficient table, which ends at 1400 m' },
    ]);
  });

  it('refuses a fractional altitude', () => {
    // Act
    const error = validationErrorOf(() => altitudeCoefficient(slovakDemoVolumeCoefficients, 200.5));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['altitudeMeters']);
  });
});

describe('kwhToWholeCubicMetres', () => {
  const demo: GasConversion = { volumeCoefficient: '0.9820', grossCalorificValue: '10.555' };

  it.each([
    [710, 68],
    [10_365, 1_000],
    [0, 0],
  ])('gives %i kWh as %i whole m³, rounded once from the exact quotient', (kwh, m3) => {
    // Act
    const volume = kwhToWholeCubicMetres(kwh, demo);

    // Assess
    expect(volume).toBe(m3);
  });

  it('refuses a fractional energy', () => {
    // Act
    const error = validationErrorOf(() => kwhToWholeCubicMetres(1.5, demo));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['kwh']);
  });
});

describe('volumeCoefficientFor', () => {
  const table: VolumeCoefficientTable = {
    byAltitude: [
      { maxAltitudeMeters: 300, coefficient: '0.9900' },
      { maxAltitudeMeters: 900, coefficient: '0.9300' },
    ],
    byMunicipality: { Košice: '0.9962', 'Bratislava - Staré Mesto': '0.9951', Bratislava: '0.9940' },
  };

  it("prefers the municipality's own coefficient to its altitude", () => {
    // Act
    const coefficient = volumeCoefficientFor(table, { municipalities: ['Košice'], altitudeMeters: 700 });

    // Assess
    expect(coefficient).toBe('0.9962');
  });

  it('needs no altitude for a listed municipality', () => {
    // Act
    const coefficient = volumeCoefficientFor(table, { municipalities: ['Košice'] });

    // Assess
    expect(coefficient).toBe('0.9962');
  });

  it('matches the municipality without case, diacritics or spacing around a dash', () => {
    // Act
    const coefficients = ['KOSICE', 'bratislava-stare mesto'].map((name) =>
      volumeCoefficientFor(table, { municipalities: [name] }),
    );

    // Assess
    expect(coefficients).toEqual(['0.9962', '0.9951']);
  });

  it('takes the first listed of the names the place goes by', () => {
    // Act
    const first = volumeCoefficientFor(table, { municipalities: ['Bratislava - Staré Mesto', 'Bratislava'] });
    const unlistedFirst = volumeCoefficientFor(table, { municipalities: ['Petržalka', 'Bratislava'] });

    // Assess
    expect([first, unlistedFirst]).toEqual(['0.9951', '0.9940']);
  });

  it('falls back to the altitude for a municipality without its own coefficient', () => {
    // Act
    const coefficient = volumeCoefficientFor(table, { municipalities: ['Prešov'], altitudeMeters: 700 });

    // Assess
    expect(coefficient).toBe('0.9300');
  });

  it('does not take inherited object keys for municipalities', () => {
    // Act
    const coefficient = volumeCoefficientFor(table, { municipalities: ['toString'], altitudeMeters: 100 });

    // Assess
    expect(coefficient).toBe('0.9900');
  });

  it('refuses a place with neither a listed municipality nor an altitude as unprocessable, naming altitudeMeters', () => {
    // Act
    const error = unprocessableErrorOf(() => volumeCoefficientFor(table, { municipalities: ['Prešov'] }));

    // Assess
    expect(error.code).toBe('unprocessable');
    expect(error.fields).toEqual([
      {
        name: 'altitudeMeters',
        reason:
          'is needed: the gas conversion table has no coefficient of its own for the municipality Prešov',
      },
    ]);
  });
});

describe('validateVolumeCoefficientTable', () => {
  it('finds nothing wrong with the Slovak demo table', () => {
    // Act
    const invalid = validateVolumeCoefficientTable(slovakDemoVolumeCoefficients);

    // Assess
    expect(invalid).toEqual([]);
  });

  it('names rows out of order, bad coefficients and a bad municipality value', () => {
    // Prepare
    const table: VolumeCoefficientTable = {
      byAltitude: [
        { maxAltitudeMeters: 300, coefficient: '0.99' },
        { maxAltitudeMeters: 300, coefficient: '-0.9' },
        { maxAltitudeMeters: 400.5, coefficient: '0.9' },
      ],
      byMunicipality: { '500011': 'high' },
    };

    // Act
    const names = validateVolumeCoefficientTable(table).map((f) => f.name);

    // Assess
    expect(names).toEqual([
      'byAltitude.1.maxAltitudeMeters',
      'byAltitude.1.coefficient',
      'byAltitude.2.maxAltitudeMeters',
      'byMunicipality.500011',
    ]);
  });

  it('names a municipality listed twice under two spellings', () => {
    // Prepare
    const table: VolumeCoefficientTable = {
      byAltitude: [{ maxAltitudeMeters: 300, coefficient: '0.99' }],
      byMunicipality: { Košice: '0.9962', KOSICE: '0.9950' },
    };

    // Act
    const invalid = validateVolumeCoefficientTable(table);

    // Assess
    expect(invalid).toEqual([
      { name: 'byMunicipality.KOSICE', reason: 'names the same municipality as Košice' },
    ]);
  });

  it('refuses a table without altitude rows', () => {
    // Act
    const invalid = validateVolumeCoefficientTable({ byAltitude: [] });

    // Assess
    expect(invalid).toEqual([{ name: 'byAltitude', reason: 'needs at least one altitude row' }]);
  });
});

describe('the Slovak demo data', () => {
  it('converts with the demo calorific value at the lowest altitude row', () => {
    // Prepare: 9937 × 10555 = 104 885 035, so 0.9937 × 10.555 = 10.4885035; × 1000 m³ = 10 488.5035 → 10 489
    const conversion = {
      volumeCoefficient: altitudeCoefficient(slovakDemoVolumeCoefficients, 150),
      grossCalorificValue: slovakDemoGrossCalorificValue,
    };

    // Act
    const kwh = cubicMetresToKwh(1000, conversion);

    // Assess
    expect(kwh).toBe(10_489);
  });
});
