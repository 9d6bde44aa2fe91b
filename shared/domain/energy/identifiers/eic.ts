/**
 * ENTSO-E Energy Identification Code (EIC), as the EIC Reference Manual and
 * the EIC implementation guide define it: 16 characters,
 *
 *   1–2   the issuing office (LIO) number, two digits assigned by ENTSO-E
 *         (10 ENTSO-E itself, 24 Slovakia, 27 Czechia, ...)
 *   3     the object type letter (see `eicObjectTypes`)
 *   4–15  12 characters A–Z, 0–9 or '-' chosen by the issuing office
 *   16    the check character, computed from characters 1–15.
 *
 * The check character: each of the first 15 characters is given a value
 * (digits 0–9 → 0–9, A–Z → 10–35, '-' → 36), multiplied by a weight from 16
 * (first character) down to 2 (15th), and the products summed. The check
 * value is 36 − ((sum − 1) mod 37), a number 0–36, written back as a
 * character with the same table. The manual forbids '-' (value 36) as a check
 * character: an issuing office never allocates a code whose 15 characters
 * give 36, so no valid EIC ends in '-'.
 *
 * This checks codes; the manual reserves allocating them to issuing offices.
 */
export type EicResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

/** The object type letters of the EIC Reference Manual (character 3). */
export const eicObjectTypes = {
  X: 'party',
  Y: 'area',
  Z: 'measurement point',
  W: 'resource object',
  T: 'tie line',
  V: 'location',
  A: 'substation',
} as const;
export type EicObjectType = keyof typeof eicObjectTypes;

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-';

/** The value 0–36 of one EIC character; -1 for a character an EIC cannot hold. */
function characterValue(character: string): number {
  return character.length === 1 ? alphabet.indexOf(character) : -1;
}

/**
 * The check value 0–36 of the first 15 characters of an upper-case EIC, or
 * `undefined` when `body` is not 15 EIC characters.
 */
export function eicCheckValue(body: string): number | undefined {
  if (body.length !== 15) return undefined;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const value = characterValue(body.charAt(i));
    if (value < 0) return undefined;
    sum += value * (16 - i);
  }
  // A mathematical modulo: the sum is never 0 for a real EIC (the type letter
  // alone is worth at least 10 × 14), but `%` of a negative would give −1.
  const remainder = (((sum - 1) % 37) + 37) % 37;
  return 36 - remainder;
}

/** The check character the first 15 characters give ('-' means no valid EIC has them). */
export function eicCheckCharacter(body: string): string | undefined {
  const value = eicCheckValue(body);
  return value === undefined ? undefined : alphabet.charAt(value);
}

/**
 * Trims and upper-cases an EIC and checks its structure and check character.
 * `objectType` restricts the type letter, e.g. 'Z' for a supply point.
 */
export function normaliseEic(input: string, options: { objectType?: EicObjectType } = {}): EicResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 16) {
    return { ok: false, reason: `an EIC has 16 characters, this has ${value.length}` };
  }
  if (!/^\d{2}$/.test(value.slice(0, 2))) {
    return { ok: false, reason: 'an EIC starts with the two digits of its issuing office' };
  }
  const type = value.charAt(2);
  if (!Object.hasOwn(eicObjectTypes, type)) {
    return {
      ok: false,
      reason: `the 3rd character of an EIC is its object type (${Object.keys(eicObjectTypes).join(', ')}), not '${type}'`,
    };
  }
  if (options.objectType !== undefined && type !== options.objectType) {
    const wanted = eicObjectTypes[options.objectType];
    const found = eicObjectTypes[type as EicObjectType];
    return {
      ok: false,
      reason: `the 3rd character must be '${options.objectType}' (${wanted}), this code is of type '${type}' (${found})`,
    };
  }
  if (!/^[A-Z0-9-]{12}$/.test(value.slice(3, 15))) {
    return { ok: false, reason: 'characters 4–15 of an EIC are letters A–Z, digits or dashes' };
  }
  const check = value.charAt(15);
  if (!/^[A-Z0-9]$/.test(check)) {
    return { ok: false, reason: 'the check character (16th) of an EIC is a letter A–Z or a digit' };
  }
  if (eicCheckCharacter(value.slice(0, 15)) !== check) {
    return { ok: false, reason: 'the check character (16th) does not match the first 15 characters' };
  }
  return { ok: true, value };
}
