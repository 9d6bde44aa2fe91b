/**
 * Organisation numbers per country.
 * - SE organisationsnummer / personnummer: 10 digits, the last a Luhn check digit.
 * - SK and CZ IČO: 8 digits, the last a mod-11 check digit with weights 8..2.
 */
export type OrgNumberCountry = 'SE' | 'SK' | 'CZ';

export type OrgNumberResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every other digit, starting from the rightmost of the payload.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function normaliseSwedish(input: string): OrgNumberResult {
  const compact = input.replace(/[\s-]/g, '');
  // A 12-digit form carries the century: 16 for companies, 18–20 for persons.
  const digits = /^(16|18|19|20)\d{10}$/.test(compact) ? compact.slice(2) : compact;
  if (!/^\d{10}$/.test(digits)) {
    return { ok: false, reason: 'a Swedish organisation number has 10 digits (NNNNNN-NNNN)' };
  }
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return { ok: false, reason: 'the check digit does not match (Luhn)' };
  }
  return { ok: true, value: `${digits.slice(0, 6)}-${digits.slice(6)}` };
}

export function icoCheckDigit(first7: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(first7[i]) * (8 - i);
  const remainder = sum % 11;
  // Remainder 0 gives 1, remainder 1 gives 0, otherwise 11 - remainder.
  return remainder === 0 ? 1 : remainder === 1 ? 0 : 11 - remainder;
}

function normaliseIco(input: string): OrgNumberResult {
  const compact = input.replace(/\s/g, '');
  if (!/^\d{6,8}$/.test(compact)) {
    return { ok: false, reason: 'an IČO has 8 digits' };
  }
  // Older IČO were issued with 6 digits; the register pads them with zeros.
  const digits = compact.padStart(8, '0');
  if (icoCheckDigit(digits.slice(0, 7)) !== Number(digits[7])) {
    return { ok: false, reason: 'the check digit does not match (mod 11)' };
  }
  return { ok: true, value: digits };
}

export function normaliseOrgNumber(country: OrgNumberCountry, input: string): OrgNumberResult {
  return country === 'SE' ? normaliseSwedish(input) : normaliseIco(input);
}
