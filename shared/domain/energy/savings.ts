import { type InvalidField, ValidationError } from '#domain/errors';
import { divideRoundingHalfAwayFromZero, isNonNegativeSafeInteger, toSafeNumber } from './exact';

/**
 * What a supply point pays, or would pay, for its commodity: the current
 * tariff stored on the supply point, or a product's price for its territory
 * and band. Money in integer minor units (cents, öre) of `currency`.
 */
export interface Tariff {
  /** Minor units per MWh. */
  readonly unitPricePerMwh: number;
  /** Minor units per month. */
  readonly monthlyFee: number;
  /** ISO 4217. */
  readonly currency: string;
}

export interface Savings {
  readonly currency: string;
  readonly currentAnnualCost: number;
  readonly offeredAnnualCost: number;
  /** current − offered, in minor units; negative when the offer costs more. */
  readonly saving: number;
  /** The saving in basis points of the current cost (100 % = 10 000); null when the current cost is 0. */
  readonly savingBasisPoints: number | null;
}

function checkTariff(tariff: Tariff, prefix: string, invalid: InvalidField[]): void {
  if (!isNonNegativeSafeInteger(tariff.unitPricePerMwh)) {
    invalid.push({
      name: `${prefix}unitPricePerMwh`,
      reason: 'must be whole minor units per MWh, 0 or more',
    });
  }
  if (!isNonNegativeSafeInteger(tariff.monthlyFee)) {
    invalid.push({ name: `${prefix}monthlyFee`, reason: 'must be whole minor units per month, 0 or more' });
  }
  if (!/^[A-Z]{3}$/.test(tariff.currency)) {
    invalid.push({ name: `${prefix}currency`, reason: 'must be an ISO 4217 code such as EUR or SEK' });
  }
}

function checkConsumption(annualConsumptionKwh: number, invalid: InvalidField[]): void {
  if (!isNonNegativeSafeInteger(annualConsumptionKwh)) {
    invalid.push({ name: 'annualConsumptionKwh', reason: 'must be a whole number of kWh, 0 or more' });
  }
}

function cost(tariff: Tariff, annualConsumptionKwh: number): bigint {
  const energy = divideRoundingHalfAwayFromZero(
    BigInt(tariff.unitPricePerMwh) * BigInt(annualConsumptionKwh),
    1000n,
  );
  return energy + BigInt(tariff.monthlyFee) * 12n;
}

/**
 * Annual cost in minor units:
 *
 *   round(unitPricePerMwh × annualConsumptionKwh / 1000) + monthlyFee × 12
 *
 * The energy part is rounded once, half up to the minor unit (a half
 * cent or öre goes up); the fixed part is exact.
 */
export function annualCost(tariff: Tariff, annualConsumptionKwh: number): number {
  const invalid: InvalidField[] = [];
  checkTariff(tariff, '', invalid);
  checkConsumption(annualConsumptionKwh, invalid);
  if (invalid.length > 0) throw new ValidationError(invalid);
  return toSafeNumber(cost(tariff, annualConsumptionKwh), 'the annual cost');
}

/**
 * The offered tariff against the current one at the same annual consumption:
 * both annual costs as in `annualCost`, saving = current − offered, and
 *
 *   savingBasisPoints = round(saving × 10 000 / current)
 *
 * rounded half away from zero (so −2.5 bp → −3 bp, 2.5 bp → 3 bp). Both
 * tariffs must be in the same currency.
 */
export function calculateSavings(current: Tariff, offered: Tariff, annualConsumptionKwh: number): Savings {
  const invalid: InvalidField[] = [];
  checkTariff(current, 'current.', invalid);
  checkTariff(offered, 'offered.', invalid);
  checkConsumption(annualConsumptionKwh, invalid);
  if (invalid.length === 0 && current.currency !== offered.currency) {
    invalid.push({
      name: 'offered.currency',
      reason: `is ${offered.currency}, the current tariff is in ${current.currency}`,
    });
  }
  if (invalid.length > 0) throw new ValidationError(invalid);

  const currentCost = cost(current, annualConsumptionKwh);
  const offeredCost = cost(offered, annualConsumptionKwh);
  const saving = currentCost - offeredCost;
  const basisPoints =
    currentCost === 0n ? null : divideRoundingHalfAwayFromZero(saving * 10_000n, currentCost);
  return {
    currency: current.currency,
    currentAnnualCost: toSafeNumber(currentCost, 'the current annual cost'),
    offeredAnnualCost: toSafeNumber(offeredCost, 'the offered annual cost'),
    saving: toSafeNumber(saving, 'the saving'),
    savingBasisPoints: basisPoints === null ? null : toSafeNumber(basisPoints, 'the saving in basis points'),
  };
}
