import type { Territory } from '#domain/energy/territory';
import { ConflictError, type InvalidField, ValidationError } from '#domain/errors';
import type { Nullable } from '#domain/patch';
import type { ChangeContext } from '#domain/stamps';
import { calendarDateReason, isCalendarDate } from './calendar-date';
import type { Product } from './product';

/**
 * At most this many prices per list: a publish is one transaction of the
 * product, the list, one entry per price, the outbox event and the
 * idempotency record, and DynamoDB allows 100 items per transaction.
 */
export const maxPricesPerList = 80;

/** One price of a list: for one distribution territory and consumption band. */
export interface Price {
  readonly territoryCode: string;
  readonly bandCode: string;
  /** Energy price per MWh, in minor units of the list's currency (cents, öre). */
  readonly unitPricePerMwhMinor: number;
  /** Fixed fee per month, in minor units of the list's currency. */
  readonly monthlyFeeMinor: number;
  /** The supplier's own margin per MWh within the unit price, in minor units; at most the unit price. */
  readonly marginPerMwhMinor?: number;
}

/** A validity period of whole days: from `validFrom`, up to but not including `validTo`. */
export interface Period {
  readonly validFrom: string;
  /** Exclusive; absent means open-ended. */
  readonly validTo?: string;
}

export interface PriceListDraft extends Period {
  readonly prices: readonly Price[];
}

/** A published, immutable version of a product's prices (R-SP-5). */
export interface PriceList extends PriceListDraft {
  readonly tenantId: string;
  readonly productId: string;
  /** 1, 2, 3… in the order of publication; validity is independent of it. */
  readonly version: number;
  /** The product's currency when the list was published. */
  readonly currency: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
}

/**
 * One price in its series (product × territory × band), as the lookup
 * answers it. The entries of a series never overlap.
 */
export interface PriceEntry extends Period {
  readonly productId: string;
  readonly territoryCode: string;
  readonly bandCode: string;
  readonly unitPricePerMwhMinor: number;
  readonly monthlyFeeMinor: number;
  readonly marginPerMwhMinor?: number;
  readonly currency: string;
  readonly priceListVersion: number;
}

// Codes are the tenant's (territories, band tables); `#` separates the parts of a series key.
const codePattern = /^[^#\p{Cc}]{1,40}$/u;
const codeReason = 'use 1–40 characters, without "#"';

const seriesId = (territoryCode: string, bandCode: string) => `${territoryCode}\u0000${bandCode}`;

const isMinorAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Checks a draft on its own (dates, amounts, duplicates), naming every field at fault. */
export function validatePriceListDraft(draft: Nullable<PriceListDraft>): PriceListDraft {
  const invalid: InvalidField[] = [];
  const validFrom = draft.validFrom ?? '';
  const validTo = draft.validTo ?? undefined;
  const fromOk = isCalendarDate(validFrom);
  if (!fromOk) invalid.push({ name: 'validFrom', reason: calendarDateReason });
  if (validTo !== undefined) {
    if (!isCalendarDate(validTo)) invalid.push({ name: 'validTo', reason: calendarDateReason });
    else if (fromOk && validTo <= validFrom) {
      invalid.push({
        name: 'validTo',
        reason: 'must be after validFrom (validTo is the first day it no longer applies)',
      });
    }
  }
  const prices = draft.prices ?? [];
  if (prices.length === 0) invalid.push({ name: 'prices', reason: 'must hold at least one price' });
  if (prices.length > maxPricesPerList) {
    invalid.push({ name: 'prices', reason: `must hold at most ${maxPricesPerList} prices` });
  }
  const seen = new Map<string, number>();
  const normalisedPrices = prices.map((price, i): Price => {
    const territoryCode = price.territoryCode?.trim() ?? '';
    const bandCode = price.bandCode?.trim() ?? '';
    if (!codePattern.test(territoryCode))
      invalid.push({ name: `prices.${i}.territoryCode`, reason: codeReason });
    if (!codePattern.test(bandCode)) invalid.push({ name: `prices.${i}.bandCode`, reason: codeReason });
    for (const field of ['unitPricePerMwhMinor', 'monthlyFeeMinor'] as const) {
      if (!isMinorAmount(price[field])) {
        invalid.push({
          name: `prices.${i}.${field}`,
          reason: 'must be a whole number of minor units, 0 or more',
        });
      }
    }
    const { marginPerMwhMinor } = price;
    if (marginPerMwhMinor !== undefined) {
      if (!isMinorAmount(marginPerMwhMinor)) {
        invalid.push({
          name: `prices.${i}.marginPerMwhMinor`,
          reason: 'must be a whole number of minor units, 0 or more',
        });
      } else if (
        isMinorAmount(price.unitPricePerMwhMinor) &&
        marginPerMwhMinor > price.unitPricePerMwhMinor
      ) {
        invalid.push({
          name: `prices.${i}.marginPerMwhMinor`,
          reason: 'must not exceed unitPricePerMwhMinor: the margin is part of the unit price',
        });
      }
    }
    const series = seriesId(territoryCode, bandCode);
    const first = seen.get(series);
    if (first === undefined) seen.set(series, i);
    else {
      invalid.push({
        name: `prices.${i}`,
        reason: `territory ${territoryCode} band ${bandCode} is already priced at prices.${first}`,
      });
    }
    const { unitPricePerMwhMinor, monthlyFeeMinor } = price;
    return {
      territoryCode,
      bandCode,
      unitPricePerMwhMinor,
      monthlyFeeMinor,
      ...(marginPerMwhMinor !== undefined ? { marginPerMwhMinor } : {}),
    };
  });
  if (invalid.length > 0) throw new ValidationError(invalid);
  return { validFrom, ...(validTo !== undefined ? { validTo } : {}), prices: normalisedPrices };
}

/**
 * Checks each price's territory against the tenant's territories (`known`,
 * by code; absent when the tenant has no such territory): it must exist and
 * serve the product's commodity.
 */
export function territoryProblems(
  prices: readonly Price[],
  known: ReadonlyMap<string, Territory | undefined>,
  commodity: string,
): InvalidField[] {
  return prices.flatMap((price, i): InvalidField[] => {
    const territory = known.get(price.territoryCode);
    const name = `prices.${i}.territoryCode`;
    if (!territory) return [{ name, reason: `this tenant has no territory ${price.territoryCode}` }];
    if (territory.commodity !== commodity) {
      return [
        { name, reason: `territory ${price.territoryCode} serves ${territory.commodity}, not ${commodity}` },
      ];
    }
    return [];
  });
}

/** Two periods share at least one day. */
export function overlaps(a: Period, b: Period): boolean {
  return (
    (b.validTo === undefined || a.validFrom < b.validTo) &&
    (a.validTo === undefined || b.validFrom < a.validTo)
  );
}

/** The entry applies on `date` (YYYY-MM-DD). */
export function appliesOn(entry: Period, date: string): boolean {
  return entry.validFrom <= date && (entry.validTo === undefined || date < entry.validTo);
}

const periodText = (p: Period) => `${p.validFrom} to ${p.validTo ?? 'open end'}`;

/**
 * Refuses a new list whose period overlaps an existing entry of a series it
 * prices. `neighbours[i]` is, for `prices[i]`'s series, the entry that starts
 * latest before the new period ends (or undefined). That one entry decides:
 * entries of a series do not overlap each other, so if any entry overlaps
 * the new period, the latest one starting before its end does too.
 */
export function overlapConflict(
  draft: PriceListDraft,
  neighbours: readonly (PriceEntry | undefined)[],
): ConflictError | undefined {
  const clashes = draft.prices.flatMap((price, i) => {
    const neighbour = neighbours[i];
    return neighbour && overlaps(draft, neighbour) ? [{ price, neighbour }] : [];
  });
  const [first] = clashes;
  if (!first) return undefined;
  const more = clashes.length > 1 ? ` (and ${clashes.length - 1} more territory/band series)` : '';
  const reason =
    `${periodText(draft)} overlaps price list ${first.neighbour.priceListVersion} ` +
    `(${periodText(first.neighbour)}) for territory ${first.price.territoryCode} band ${first.price.bandCode}${more}`;
  return new ConflictError('period-overlap', `the validity ${reason}`, [{ name: 'validFrom', reason }]);
}

/** The next price list of `product`, from a validated draft. */
export function createPriceList(product: Product, draft: PriceListDraft, ctx: ChangeContext): PriceList {
  return {
    tenantId: product.tenantId,
    productId: product.id,
    version: product.priceListCount + 1,
    validFrom: draft.validFrom,
    ...(draft.validTo !== undefined ? { validTo: draft.validTo } : {}),
    currency: product.currency,
    prices: draft.prices,
    publishedAt: ctx.now.toISOString(),
    publishedBy: ctx.userId,
  };
}

/** One entry per price, each in its own series. */
export function entriesOf(list: PriceList): PriceEntry[] {
  return list.prices.map((price) => ({
    productId: list.productId,
    territoryCode: price.territoryCode,
    bandCode: price.bandCode,
    validFrom: list.validFrom,
    ...(list.validTo !== undefined ? { validTo: list.validTo } : {}),
    unitPricePerMwhMinor: price.unitPricePerMwhMinor,
    monthlyFeeMinor: price.monthlyFeeMinor,
    ...(price.marginPerMwhMinor !== undefined ? { marginPerMwhMinor: price.marginPerMwhMinor } : {}),
    currency: list.currency,
    priceListVersion: list.version,
  }));
}
