import type { BandTable } from './consumption-bands';
import { bandFor } from './consumption-bands';
import { cubicMetresToKwh, kwhToWholeCubicMetres, volumeCoefficientFor } from './gas-conversion';
import type { GasConversionSettings } from './stores';
import type { AddressVerification, DerivedParameters, SupplyPointFields } from './supply-point';

/** What derivation reads: the fields, and the verification of the address when there is one. */
export type DerivationInput = SupplyPointFields & { readonly addressVerification?: AddressVerification };

/**
 * The municipality names a supply point's gas coefficient is looked up by,
 * the most trusted first: the verified address's municipality, then the
 * city as the address gives it. Until the address is verified, the city
 * stands in; it is what the verification must match anyway.
 */
export function municipalitiesOf(point: DerivationInput): string[] {
  const verification = point.addressVerification;
  const verified = verification?.status === 'verified' ? [verification.address.municipality] : [];
  return [...verified, point.address.city];
}

/**
 * The parameters derived from a supply point's consumption (R-SP-2), from the
 * tenant's tables. For gas, the conversion runs first: kWh from m³ when only
 * m³ is given, m³ from kWh otherwise, each computed exactly and rounded once,
 * half up, to a whole number, so the band table can be in either unit. The
 * volume coefficient is the municipality's own (see `municipalitiesOf`),
 * else the altitude's; a place with neither is refused (422 naming
 * `altitudeMeters`). Without a table, the parameter is absent.
 */
export function deriveParameters(
  fields: DerivationInput,
  tables: { readonly bands?: BandTable; readonly gas?: GasConversionSettings },
): { derived: DerivedParameters; annualConsumptionKwh?: number } {
  let annualKwh = fields.annualConsumptionKwh;
  let annualM3 = fields.annualConsumptionM3;
  let gas: DerivedParameters['gas'];
  if (fields.commodity === 'gas' && tables.gas) {
    const conversion = {
      volumeCoefficient: volumeCoefficientFor(tables.gas.coefficients, {
        municipalities: municipalitiesOf(fields),
        altitudeMeters: fields.altitudeMeters,
      }),
      grossCalorificValue: tables.gas.grossCalorificValue,
    };
    if (annualKwh === undefined && annualM3 !== undefined) annualKwh = cubicMetresToKwh(annualM3, conversion);
    if (annualM3 === undefined && annualKwh !== undefined)
      annualM3 = kwhToWholeCubicMetres(annualKwh, conversion);
    gas = {
      coefficient: conversion.volumeCoefficient,
      calorificValueKwhPerM3: conversion.grossCalorificValue,
      ...(annualKwh !== undefined ? { annualKwh } : {}),
      ...(annualM3 !== undefined ? { annualM3 } : {}),
    };
  }
  const consumption = tables.bands?.unit === 'm3' ? annualM3 : annualKwh;
  const band = tables.bands && consumption !== undefined ? bandFor(tables.bands, consumption) : undefined;
  return {
    derived: {
      ...(band ? { band: { code: band.code, label: band.label } } : {}),
      ...(gas ? { gas } : {}),
    },
    ...(annualKwh !== undefined ? { annualConsumptionKwh: annualKwh } : {}),
  };
}
