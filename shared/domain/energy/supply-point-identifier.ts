import { normaliseEic } from '#domain/energy/identifiers/eic';
import { normaliseGsrn } from '#domain/energy/identifiers/gsrn';

/** What a supply point delivers (R-SP-4). */
export const commodities = [
  'electricity',
  'gas',
  'district-heating',
  'cooling',
  'water-sewage',
  'waste-recycling',
  'broadband',
] as const;
export type Commodity = (typeof commodities)[number];

/**
 * The standard a supply point's identifier follows.
 * - `eic`: ENTSO-E EIC of a measurement point (object type Z), with its check character.
 * - `gsrn`: GS1 GSRN / EAN-18, with its check digit.
 * - `sk-gas-pod`: the 20-character point of delivery of the Slovak gas market
 *   (`SK` + the distributor's 6-character code + 12 digits, e.g. SPP-distribúcia's
 *   `SKSPPDIS…`); no check character is published for it, so only its shape is checked.
 * - `local`: a tenant's own id, 2–40 letters, digits, '-' or '_', no check.
 */
export type IdentifierStandard = 'eic' | 'gsrn' | 'sk-gas-pod' | 'local';

export type SupplyPointIdentifierResult =
  | { readonly ok: true; readonly value: string; readonly standard: IdentifierStandard }
  | { readonly ok: false; readonly reason: string };

/**
 * The standards accepted for a supply point in `country` delivering `commodity`:
 * SK electricity → EIC; SK gas → EIC or the 20-character POD; CZ electricity →
 * GSRN (EAN); CZ gas → EIC; SE electricity and gas → GSRN (anläggnings-ID);
 * every other commodity and country → a tenant-local id.
 */
export function identifierStandards(country: string, commodity: Commodity): readonly IdentifierStandard[] {
  const nationalMarket = commodity === 'electricity' || commodity === 'gas';
  if (!nationalMarket) return ['local'];
  switch (country.trim().toUpperCase()) {
    case 'SK':
      return commodity === 'electricity' ? ['eic'] : ['eic', 'sk-gas-pod'];
    case 'CZ':
      return commodity === 'electricity' ? ['gsrn'] : ['eic'];
    case 'SE':
      return ['gsrn'];
    default:
      return ['local'];
  }
}

function normaliseSkGasPod(input: string): SupplyPointIdentifierResult {
  const value = input.trim().toUpperCase();
  if (!/^SK[A-Z0-9]{6}\d{12}$/.test(value)) {
    return {
      ok: false,
      reason: 'a Slovak gas POD has 20 characters: SK, the distributor code (6) and 12 digits',
    };
  }
  return { ok: true, value, standard: 'sk-gas-pod' };
}

function normaliseLocalId(input: string): SupplyPointIdentifierResult {
  const value = input.trim();
  if (!/^[\p{L}\p{N}_-]{2,40}$/u.test(value)) {
    return { ok: false, reason: 'use 2–40 letters, digits, dashes or underscores' };
  }
  return { ok: true, value, standard: 'local' };
}

function normaliseAs(standard: IdentifierStandard, input: string): SupplyPointIdentifierResult {
  switch (standard) {
    case 'eic': {
      const result = normaliseEic(input, { objectType: 'Z' });
      return result.ok ? { ...result, standard } : result;
    }
    case 'gsrn': {
      const result = normaliseGsrn(input);
      return result.ok ? { ...result, standard } : result;
    }
    case 'sk-gas-pod':
      return normaliseSkGasPod(input);
    case 'local':
      return normaliseLocalId(input);
  }
}

/**
 * Normalises and checks a supply point's identifier by the standard of its
 * country and commodity. Where two standards are accepted (Slovak gas), the
 * length decides which one is meant: 16 characters an EIC, otherwise a POD.
 */
export function normaliseSupplyPointIdentifier(
  country: string,
  commodity: Commodity,
  input: string,
): SupplyPointIdentifierResult {
  const standards = identifierStandards(country, commodity);
  if (standards.includes('sk-gas-pod')) {
    return normaliseAs(input.trim().length === 16 ? 'eic' : 'sk-gas-pod', input);
  }
  return normaliseAs(standards[0] ?? 'local', input);
}
