import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import { formattedJson } from './formatted-json';

/**
 * The countries whose numbering plans phone numbers are checked against: the
 * countries tenants work in. A number of any other country is refused as
 * invalid (ADR 0023). To add one, add it here and run `npm run phone:metadata`.
 */
export const phoneCountries: readonly CountryCode[] = ['SE', 'SK', 'CZ'];

/** Where `npm run phone:metadata` writes the metadata, relative to the project root. */
export const phoneMetadataFile = 'shared/domain/identifiers/phone-metadata.json';

/**
 * libphonenumber's full ("max") metadata cut down to the given countries:
 * their numbering plans with every number type, and their calling codes. A
 * country sharing a calling code brings that code's main country along, as
 * libphonenumber reads the shared formats from it; the non-geographic codes
 * (+800, +882 …) are left out.
 */
export function phoneMetadataOf(full: MetadataJson, countries: readonly CountryCode[]): MetadataJson {
  const callingCodeOf = (country: CountryCode): string => {
    const plan = full.countries[country];
    if (!plan) throw new Error(`libphonenumber has no numbering plan for ${country}`);
    return plan[0];
  };
  const mainCountries = countries.map((country) => full.country_calling_codes[callingCodeOf(country)]![0]!);
  const kept = new Set<CountryCode>([...countries, ...mainCountries]);
  return {
    version: full.version,
    country_calling_codes: Object.fromEntries(
      Object.entries(full.country_calling_codes)
        .map(([code, shared]) => [code, shared.filter((country) => kept.has(country))] as const)
        .filter(([, shared]) => shared.length > 0),
    ),
    countries: Object.fromEntries(
      Object.entries(full.countries).filter(([country]) => kept.has(country as CountryCode)),
    ),
    nonGeographic: {},
  };
}

/** The file's content, formatted as the project's formatter leaves it. */
export const phoneMetadataText = (full: MetadataJson, countries: readonly CountryCode[]): string =>
  `${formattedJson(phoneMetadataOf(full, countries))}\n`;
