import { describe, expect, it } from 'vitest';
import { demoAddresses, LocalGeocoder } from '#adapters/geocoding/local-geocoder';

describe('LocalGeocoder', () => {
  const geocoder = new LocalGeocoder();

  it('verifies a seeded address however it is written', async () => {
    // Act
    const results = await Promise.all([
      geocoder.verify({ street: 'Hviezdoslavova 9', postcode: '811 02', city: 'Bratislava', country: 'SK' }),
      geocoder.verify({
        street: '  HVIEZDOSLAVOVA ',
        houseNumber: '9',
        postcode: '81102',
        city: 'bratislava',
        country: 'sk',
      }),
      geocoder.verify({ street: 'Bjorkvagen', houseNumber: '3', city: 'UMEA', country: 'SE' }),
    ]);

    // Assess
    expect(results.map((r) => r.status)).toEqual(['verified', 'verified', 'verified']);
    expect(results[0]).toEqual({ status: 'verified', address: demoAddresses[0] });
    expect(results[2]?.status === 'verified' && results[2].address.label).toBe(
      'Björkvägen 3, 903 31 Umeå, Sverige',
    );
  });

  it('reports anything it does not know as not found', async () => {
    // Act
    const results = await Promise.all([
      geocoder.verify({ street: 'Hviezdoslavova 10', city: 'Bratislava', country: 'SK' }),
      geocoder.verify({ street: 'Storgatan 12', city: 'Göteborg', country: 'SE' }),
      geocoder.verify({ street: 'Storgatan 12', city: 'Stockholm', country: 'SK' }),
      geocoder.verify({ street: 'Drottninggatan 1', city: 'Stockholm', country: 'SE' }),
    ]);

    // Assess
    expect(results).toEqual([
      { status: 'not-found' },
      { status: 'not-found' },
      { status: 'not-found' },
      { status: 'not-found' },
    ]);
  });

  it('offers the candidates of an ambiguous address instead of choosing one', async () => {
    // Act
    const result = await geocoder.verify({ street: 'Hlavná', city: 'Prešov', country: 'SK' });

    // Assess
    expect(result.status).toBe('ambiguous');
    expect(result.status === 'ambiguous' && result.candidates.map((c) => c.label)).toEqual([
      'Hlavná 12, 080 01 Prešov, Slovensko',
      'Hlavná 14, 080 01 Prešov, Slovensko',
    ]);
  });

  it('verifies one of them once the house number is given', async () => {
    // Act
    const result = await geocoder.verify({ street: 'Hlavná 14', city: 'Prešov', country: 'SK' });

    // Assess
    expect(result.status === 'verified' && result.address.houseNumber).toBe('14');
  });

  it('does not verify a known address given with another postcode', async () => {
    // Act
    const result = await geocoder.verify({
      street: 'Hlavná 41',
      postcode: '040 11',
      city: 'Košice',
      country: 'SK',
    });

    // Assess
    expect(result.status).toBe('ambiguous');
  });

  it('knows only the addresses it is given', async () => {
    // Prepare
    const empty = new LocalGeocoder([]);

    // Act
    const result = await empty.verify({ street: 'Hviezdoslavova 9', city: 'Bratislava', country: 'SK' });

    // Assess
    expect(result).toEqual({ status: 'not-found' });
  });
});
