import { describe, expect, it } from 'vitest';
import { type BandTable, bandFor, validateBandTable } from '#domain/energy/consumption-bands';
import { validationErrorOf } from '../../../support/validation-error';

function table(bands: BandTable['bands']): BandTable {
  return { commodity: 'electricity', customerType: 'B2C', unit: 'kWh', bands };
}

const threeBands = table([
  { code: 'S', label: 'Small', fromInclusive: 0, toExclusive: 1000 },
  { code: 'M', label: 'Medium', fromInclusive: 1000, toExclusive: 5000 },
  { code: 'L', label: 'Large', fromInclusive: 5000 },
]);

describe('validateBandTable', () => {
  it('finds nothing wrong with contiguous bands from 0 and an open-ended last band', () => {
    // Act
    const invalid = validateBandTable(threeBands);

    // Assess
    expect(invalid).toEqual([]);
  });

  it('names a gap between two bands at the later band', () => {
    // Prepare
    const gap = table([
      { code: 'S', label: 'Small', fromInclusive: 0, toExclusive: 1000 },
      { code: 'M', label: 'Medium', fromInclusive: 1000, toExclusive: 5000 },
      { code: 'L', label: 'Large', fromInclusive: 5001 },
    ]);

    // Act
    const invalid = validateBandTable(gap);

    // Assess
    expect(invalid).toEqual([
      { name: 'bands.2.fromInclusive', reason: expect.stringContaining('gap after band M') },
    ]);
  });

  it('names an overlap of two bands at the later band', () => {
    // Prepare
    const overlap = table([
      { code: 'S', label: 'Small', fromInclusive: 0, toExclusive: 1000 },
      { code: 'M', label: 'Medium', fromInclusive: 999 },
    ]);

    // Act
    const invalid = validateBandTable(overlap);

    // Assess
    expect(invalid).toEqual([
      { name: 'bands.1.fromInclusive', reason: expect.stringContaining('overlaps band S') },
    ]);
  });

  it('requires the first band to start at 0', () => {
    // Prepare
    const late = table([
      { code: 'S', label: 'Small', fromInclusive: 1, toExclusive: 1000 },
      { code: 'L', label: 'Large', fromInclusive: 1000 },
    ]);

    // Act
    const invalid = validateBandTable(late);

    // Assess
    expect(invalid).toEqual([{ name: 'bands.0.fromInclusive', reason: 'the first band starts at 0' }]);
  });

  it('requires every band but the last to end, and the last to be open-ended', () => {
    // Prepare
    const ends = table([
      { code: 'S', label: 'Small', fromInclusive: 0 },
      { code: 'L', label: 'Large', fromInclusive: 1000, toExclusive: 9000 },
    ]);

    // Act
    const invalid = validateBandTable(ends);

    // Assess
    expect(invalid).toEqual([
      { name: 'bands.0.toExclusive', reason: 'only the last band may be open-ended' },
      { name: 'bands.1.toExclusive', reason: expect.stringContaining('the last band must be open-ended') },
    ]);
  });

  it('refuses an empty band, fractional boundaries, blank and repeated codes, naming each field', () => {
    // Prepare
    const messy = table([
      { code: 'S', label: 'Small', fromInclusive: 0, toExclusive: 0 },
      { code: ' ', label: 'Medium', fromInclusive: 0, toExclusive: 99.5 },
      { code: 'S', label: '', fromInclusive: 100 },
    ]);

    // Act
    const names = validateBandTable(messy).map((f) => f.name);

    // Assess
    expect(names).toEqual([
      'bands.0.toExclusive',
      'bands.1.code',
      'bands.1.toExclusive',
      'bands.2.code',
      'bands.2.label',
    ]);
  });

  it('refuses a table without bands and an unknown unit', () => {
    // Prepare
    const empty = { ...table([]), unit: 'MWh' as BandTable['unit'] };

    // Act
    const invalid = validateBandTable(empty);

    // Assess
    expect(invalid).toEqual([
      { name: 'unit', reason: 'must be one of kWh, m3' },
      { name: 'bands', reason: 'a band table needs at least one band' },
    ]);
  });
});

describe('bandFor', () => {
  it.each([
    [0, 'S'],
    [999, 'S'],
    [1000, 'M'],
    [4999, 'M'],
    [5000, 'L'],
    [10_000_000, 'L'],
  ])('puts %i kWh in band %s: a boundary value belongs to the upper band', (consumption, code) => {
    // Act
    const band = bandFor(threeBands, consumption);

    // Assess
    expect(band.code).toBe(code);
  });

  it.each([-1, 1.5, Number.NaN])('refuses the consumption %d, naming annualConsumption', (consumption) => {
    // Act
    const error = validationErrorOf(() => bandFor(threeBands, consumption));

    // Assess
    expect(error.fields).toEqual([
      { name: 'annualConsumption', reason: 'must be a whole number of kWh, 0 or more' },
    ]);
  });

  it('refuses to look up a band in an invalid table, naming its problems', () => {
    // Prepare
    const gap = table([
      { code: 'S', label: 'Small', fromInclusive: 0, toExclusive: 1000 },
      { code: 'L', label: 'Large', fromInclusive: 2000 },
    ]);

    // Act
    const error = validationErrorOf(() => bandFor(gap, 1500));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['bands.1.fromInclusive']);
  });
});
