import {
  decide,
  foldText,
  normaliseQuery,
  sameHouseNumber,
  sameMunicipality,
} from '#domain/geocoding/decide';
import type { AddressQuery, GeocodeResult, Geocoder, VerifiedAddress } from '#domain/geocoding/geocoder';

/**
 * The addresses of the seeded demo tenants (lib/local/seed.ts), with
 * plausible coordinates. `Hlavná 12` and `Hlavná 14` in Prešov are there on
 * purpose: `Hlavná, Prešov` without a house number is ambiguous between them.
 */
export const demoAddresses: readonly VerifiedAddress[] = [
  {
    label: 'Hviezdoslavova 9, 811 02 Bratislava - Staré Mesto, Slovensko',
    street: 'Hviezdoslavova',
    houseNumber: '9',
    postcode: '811 02',
    municipality: 'Bratislava',
    country: 'SK',
    latitude: '48.1405942',
    longitude: '17.1093286',
  },
  {
    label: 'Hlavná 41, 040 01 Košice - Staré Mesto, Slovensko',
    street: 'Hlavná',
    houseNumber: '41',
    postcode: '040 01',
    municipality: 'Košice',
    country: 'SK',
    latitude: '48.7203871',
    longitude: '21.2581437',
  },
  {
    label: 'Hlavná 12, 080 01 Prešov, Slovensko',
    street: 'Hlavná',
    houseNumber: '12',
    postcode: '080 01',
    municipality: 'Prešov',
    country: 'SK',
    latitude: '48.9978614',
    longitude: '21.2393212',
  },
  {
    label: 'Hlavná 14, 080 01 Prešov, Slovensko',
    street: 'Hlavná',
    houseNumber: '14',
    postcode: '080 01',
    municipality: 'Prešov',
    country: 'SK',
    latitude: '48.9981275',
    longitude: '21.2394530',
  },
  {
    label: 'Storgatan 12, 114 51 Stockholm, Sverige',
    street: 'Storgatan',
    houseNumber: '12',
    postcode: '114 51',
    municipality: 'Stockholm',
    country: 'SE',
    latitude: '59.3369142',
    longitude: '18.0793617',
  },
  {
    label: 'Björkvägen 3, 903 31 Umeå, Sverige',
    street: 'Björkvägen',
    houseNumber: '3',
    postcode: '903 31',
    municipality: 'Umeå',
    country: 'SE',
    latitude: '63.8189410',
    longitude: '20.2862957',
  },
];

/**
 * The geocoder of `npm start` and the tests: knows a fixed list of addresses
 * and nothing else. A known street in a known municipality (and the house
 * number, when given) yields candidates; the shared rules of `decide` then
 * say verified, ambiguous or not found, exactly as for Mapy.cz results.
 * Anything unknown is not found; nothing is ever made up.
 */
export class LocalGeocoder implements Geocoder {
  constructor(private readonly known: readonly VerifiedAddress[] = demoAddresses) {}

  async verify(address: AddressQuery): Promise<GeocodeResult> {
    const query = normaliseQuery(address);
    const street = foldText(query.street);
    const candidates = this.known.filter(
      (known) =>
        known.street !== undefined &&
        foldText(known.street) === street &&
        sameMunicipality(query.city, known.municipality) &&
        (query.houseNumber === undefined ||
          (known.houseNumber !== undefined && sameHouseNumber(query.houseNumber, known.houseNumber))),
    );
    return decide(query, candidates);
  }
}
