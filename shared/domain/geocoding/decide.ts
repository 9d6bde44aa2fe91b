import { type AddressQuery, type GeocodeResult, maxCandidates, type VerifiedAddress } from './geocoder';

/**
 * Case, diacritics and spacing folded, so that `HLAVNÁ`, `Hlavna` and
 * ` hlavná ` compare equal, and `Košice - Šaca` equals `Košice-Šaca`.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `811 02` and `81102` are the same postcode. */
function compactPostcode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

function compactNumber(value: string): string {
  return foldText(value).replace(/\s+/g, '');
}

// A house number at the end of a street line: `41`, `12B`, `12 B`, `1234/9`, `610/7a`.
const trailingNumber = /^(.*\S)\s+(\d+(?:\s?[a-z])?(?:\/\d+[a-z]?)?)$/i;

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Trimmed, empty parts dropped, the country upper-cased, and a house number
 * written into the street (`Hlavná 41`, as accounts store it) moved into
 * `houseNumber` when that is empty.
 */
export function normaliseQuery(query: AddressQuery): AddressQuery {
  let street = query.street.trim().replace(/\s+/g, ' ');
  let houseNumber = present(query.houseNumber);
  if (houseNumber === undefined) {
    const split = trailingNumber.exec(street);
    if (split?.[1] !== undefined && split[2] !== undefined) {
      street = split[1];
      houseNumber = split[2];
    }
  }
  const postcode = present(query.postcode);
  return {
    street,
    ...(houseNumber === undefined ? {} : { houseNumber }),
    ...(postcode === undefined ? {} : { postcode }),
    city: query.city.trim(),
    country: query.country.trim().toUpperCase(),
  };
}

/**
 * `9` matches `9` and `1234/9` (orientation number of a conscription/orientation
 * pair), `1234/9` matches `1234/9` and `9`; `12` never matches `12B`.
 */
export function sameHouseNumber(wanted: string, found: string): boolean {
  const a = compactNumber(wanted);
  const b = compactNumber(found);
  if (a === b) return true;
  if (a.includes('/') === b.includes('/')) return false;
  const [pair, single] = a.includes('/') ? [a, b] : [b, a];
  return pair.split('/').includes(single);
}

/** `Bratislava` matches `Bratislava`, `Bratislava - Staré Mesto` and `bratislava`; not `Bratislavská`. */
export function sameMunicipality(wanted: string, found: string): boolean {
  const a = foldText(wanted);
  const b = foldText(found);
  if (a === '' || b === '') return false;
  const continues = (longer: string, shorter: string) =>
    longer.startsWith(shorter) && /^[\s,-]/.test(longer.slice(shorter.length));
  return a === b || continues(a, b) || continues(b, a);
}

function isExactMatch(query: AddressQuery, found: VerifiedAddress): boolean {
  if (found.street === undefined || foldText(found.street) !== foldText(query.street)) return false;
  if (query.houseNumber === undefined || found.houseNumber === undefined) return false;
  if (!sameHouseNumber(query.houseNumber, found.houseNumber)) return false;
  if (!sameMunicipality(query.city, found.municipality)) return false;
  if (query.postcode === undefined) return true;
  return found.postcode !== undefined && compactPostcode(found.postcode) === compactPostcode(query.postcode);
}

/**
 * The verdict on address-level results (see the rules on `Geocoder`).
 * `candidates` must already be address-level only; order is the provider's
 * relevance order and is kept.
 */
export function decide(query: AddressQuery, candidates: readonly VerifiedAddress[]): GeocodeResult {
  const wanted = normaliseQuery(query);
  const inCountry = candidates.filter((found) => found.country.toUpperCase() === wanted.country);
  if (inCountry.length === 0) return { status: 'not-found' };
  const exact = inCountry.filter((found) => isExactMatch(wanted, found));
  const [only] = exact;
  if (exact.length === 1 && only !== undefined) return { status: 'verified', address: only };
  const rest = inCountry.filter((found) => !exact.includes(found));
  return { status: 'ambiguous', candidates: [...exact, ...rest].slice(0, maxCandidates) };
}
