/**
 * Address verification (R-SP-3): the port every geocoder adapter implements.
 * The Mapy.cz adapter and the local adapter both end in `decide` (./decide), so
 * they apply the same rules:
 *
 * - Only address-level results count (Mapy.cz type `regional.address`).
 *   Streets, municipalities and POIs never verify anything; results in another
 *   country than the query's are dropped.
 * - No address-level result → `not-found`.
 * - Exactly one result that matches the query exactly → `verified` with that
 *   result. Exact means: same street (case, diacritics and spacing folded),
 *   same house number (`9` also matches `1234/9`, the Slovak and Czech
 *   conscription/orientation form), same municipality (`Bratislava` matches
 *   `Bratislava - Staré Mesto`) and, when the query gives a postcode, the same
 *   postcode (spaces ignored; a result without a postcode does not match).
 *   A query without a house number (`Hlavná 41` in the street field counts as
 *   street plus number) never matches exactly: we do not pick a house for the
 *   customer.
 * - Otherwise (several exact matches, or address results that all differ from
 *   the query) → `ambiguous` with up to {@link maxCandidates} candidates, exact
 *   matches first, for a person to choose from.
 *
 * A verified address is always one the provider (or the local list) returned;
 * nothing is ever filled in from the query except the country when the
 * provider does not name it.
 */
export interface Geocoder {
  verify(address: AddressQuery): Promise<GeocodeResult>;
}

/** The address as the customer gave it. */
export interface AddressQuery {
  /** The street; may carry the house number (`Hlavná 41`) when `houseNumber` is absent. */
  readonly street: string;
  readonly houseNumber?: string;
  readonly postcode?: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/** An address as the geocoder knows it. */
export interface VerifiedAddress {
  /** One line for people, e.g. `Hviezdoslavova 9, 811 02 Bratislava - Staré Mesto, Slovensko`. */
  readonly label: string;
  readonly street?: string;
  readonly houseNumber?: string;
  readonly postcode?: string;
  readonly municipality: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** WGS 84 degrees as a decimal string, e.g. `48.1402`; never stored as a float. */
  readonly latitude: string;
  readonly longitude: string;
}

export type GeocodeResult =
  | { readonly status: 'verified'; readonly address: VerifiedAddress }
  | { readonly status: 'ambiguous'; readonly candidates: readonly VerifiedAddress[] }
  | { readonly status: 'not-found' };

export type GeocodeStatus = GeocodeResult['status'];

/** At most this many candidates are offered for an ambiguous address. */
export const maxCandidates = 5;
