import { type CountryCode, type NumberType, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneResult =
  | { readonly ok: true; readonly e164: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Any common written form (`070-123 45 67`, `+46 70 123 45 67`,
 * `0046701234567`) to E.164. National forms are read in the tenant's country.
 */
export function normalisePhone(input: string, defaultCountry: CountryCode): PhoneResult {
  const trimmed = input.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed?.isValid()) {
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
  return parsePhoneNumberFromString(e164)?.getType();
}
