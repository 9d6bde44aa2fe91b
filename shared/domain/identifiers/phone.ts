import {
  type CountryCode,
  type MetadataJson,
  type NumberType,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import generatedMetadata from './phone-metadata.json';

/**
 * libphonenumber's full metadata of the countries tenants work in, written
 * by `npm run phone:metadata` (ADR 0023): a number of another country is
 * not valid here.
 */
const metadata = generatedMetadata as MetadataJson;

/** `+44 …`: an international number whose calling code is of none of the countries. */
const ofOtherCountry = (international: string): boolean =>
  international.startsWith('+') &&
  !Object.keys(metadata.country_calling_codes).some((code) =>
    international.replace(/\D/g, '').startsWith(code),
  );

export type PhoneResult =
  | { readonly ok: true; readonly e164: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Any common written form (`070-123 45 67`, `+46 70 123 45 67`,
 * `0046701234567`) to E.164. National forms are read in the tenant's country.
 */
export function normalisePhone(input: string, defaultCountry: CountryCode): PhoneResult {
  const trimmed = input.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry, metadata);
  if (!parsed?.isValid()) {
    if (ofOtherCountry(trimmed)) {
      return {
        ok: false,
        reason: `only numbers of ${Object.keys(metadata.countries).join(', ')} are accepted`,
      };
    }
    return { ok: false, reason: `not a valid phone number (national numbers are read as ${defaultCountry})` };
  }
  return { ok: true, e164: parsed.number };
}

/**
 * What the numbering plan says an E.164 number is (`MOBILE`, `FIXED_LINE`,
 * `FIXED_LINE_OR_MOBILE`, `TOLL_FREE` …), from libphonenumber's full
 * metadata; `undefined` when the plan cannot tell.
 */
export function phoneTypeOf(e164: string): NumberType {
  return parsePhoneNumberFromString(e164, metadata)?.getType();
}
