import { describe, expect, it } from 'vitest';
import {
  decide,
  foldText,
  normaliseQuery,
  sameHouseNumber,
  sameMunicipality,
} from '#domain/geocoding/decide';
import type { VerifiedAddress } from '#domain/geocoding/geocoder';

function address(houseNumber: string, extra: Partial<VerifiedAddress> = {}): VerifiedAddress {
  return {
    label: `Hlavná ${houseNumber}, 040 01 Košice`,
    street: 'Hlavná',
    houseNumber,
    postcode: '040 01',
    municipality: 'Košice',
    country: 'SK',
    latitude: '48.72',
    longitude: '21.258',
    ...extra,
  };
}

const query = { street: 'Hlavná', houseNumber: '41', postcode: '040 01', city: 'Košice', country: 'SK' };

describe('geocoding rules', () => {
  it('folds case, diacritics and spacing', () => {
    expect(foldText('  Košice -  ŠACA ')).toBe('kosice-saca');
    expect(foldText('Björkvägen')).toBe(foldText('bjorkvagen'));
  });

  it('moves a house number written into the street into its own field', () => {
    expect(normaliseQuery({ street: 'Hlavná 41', city: 'Košice', country: 'sk' })).toEqual({
      street: 'Hlavná',
      houseNumber: '41',
      city: 'Košice',
      country: 'SK',
    });
    expect(normaliseQuery({ street: 'Týnská ulička 610/7', city: 'Praha', country: 'CZ' }).houseNumber).toBe(
      '610/7',
    );
    expect(normaliseQuery({ street: 'Námestie 1. mája', city: 'Prešov', country: 'SK' })).not.toHaveProperty(
      'houseNumber',
    );
    expect(
      normaliseQuery({ street: 'Hlavná 41', houseNumber: ' 43 ', postcode: ' ', city: 'K', country: 'SK' }),
    ).toEqual({ street: 'Hlavná 41', houseNumber: '43', city: 'K', country: 'SK' });
  });

  it('matches orientation numbers against conscription/orientation pairs, never 12 against 12B', () => {
    expect(sameHouseNumber('9', '1234/9')).toBe(true);
    expect(sameHouseNumber('1234/9', '9')).toBe(true);
    expect(sameHouseNumber('12 b', '12B')).toBe(true);
    expect(sameHouseNumber('12', '12B')).toBe(false);
    expect(sameHouseNumber('1234/9', '1234/10')).toBe(false);
  });

  it('matches a municipality with or without its part', () => {
    expect(sameMunicipality('Bratislava', 'Bratislava - Staré Mesto')).toBe(true);
    expect(sameMunicipality('Praha 1', 'Praha')).toBe(true);
    expect(sameMunicipality('Bratislava', 'Bratislavská')).toBe(false);
    expect(sameMunicipality('', 'Košice')).toBe(false);
  });

  it('verifies exactly one exact match', () => {
    expect(decide(query, [address('41')])).toEqual({ status: 'verified', address: address('41') });
    expect(decide(query, [address('41'), address('41', { postcode: '040 15' })]).status).toBe('verified');
  });

  it('calls several exact matches, or only inexact ones, ambiguous, exact ones first and at most five', () => {
    const six = [
      address('43'),
      address('45'),
      address('41'),
      address('47'),
      address('49'),
      address('41', { label: 'Hlavná 41, 040 01 Košice - Staré Mesto', latitude: '48.7204' }),
    ];
    const result = decide(query, six);
    expect(result.status).toBe('ambiguous');
    expect(result.status === 'ambiguous' && result.candidates.map((c) => c.houseNumber)).toEqual([
      '41',
      '41',
      '43',
      '45',
      '47',
    ]);
    expect(decide(query, [address('41'), address('41', { municipality: 'Košice - Šaca' })]).status).toBe(
      'ambiguous',
    );
  });

  it('never verifies without a house number, a street or a matching postcode', () => {
    expect(decide({ ...query, houseNumber: undefined }, [address('41')]).status).toBe('ambiguous');
    expect(decide(query, [address('41', { street: undefined })]).status).toBe('ambiguous');
    expect(decide(query, [address('41', { postcode: undefined })]).status).toBe('ambiguous');
    expect(decide({ ...query, postcode: undefined }, [address('41', { postcode: undefined })]).status).toBe(
      'verified',
    );
  });

  it('finds nothing without candidates in the query’s country', () => {
    expect(decide(query, [])).toEqual({ status: 'not-found' });
    expect(decide(query, [address('41', { country: 'CZ' })])).toEqual({ status: 'not-found' });
  });
});
