/**
 * GS1 Global Service Relation Number (GSRN), the 18-digit "EAN" of a metering
 * point: the Swedish anläggnings-ID (735999…) and the Czech electricity EAN
 * (859182…) are GSRNs. The 18th digit is the GS1 mod-10 check digit of the
 * first 17: weights 3 and 1 alternate from the rightmost payload digit
 * (which has weight 3); the check digit brings the weighted sum up to a
 * multiple of 10.
 */
export type GsrnResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

/** The GS1 mod-10 check digit of a string of digits (any GS1 key's payload). */
export function gs1CheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = Number(payload[payload.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Accepts 18 digits, spaces allowed between groups; gives them compact. */
export function normaliseGsrn(input: string): GsrnResult {
  const value = input.replace(/\s/g, '');
  if (!/^\d{18}$/.test(value)) {
    return { ok: false, reason: 'a GSRN (EAN-18) has 18 digits' };
  }
  if (gs1CheckDigit(value.slice(0, 17)) !== Number(value[17])) {
    return { ok: false, reason: 'the check digit (18th) does not match (GS1 mod 10)' };
  }
  return { ok: true, value };
}
