import { divideRoundingHalfAwayFromZero, toSafeNumber } from '#domain/energy/exact';
import type { Deal } from '#domain/sales/deals/deal';
import { fullProbability } from '#domain/settings/setting';
import { type BucketDelta, difference } from './bucket-delta';

/**
 * The forecast aggregates (R-SA-5), kept from deal events. An open deal
 * counts in the month of its expected close date: for its owner, for each of
 * its forecast groups (the owner's groups and every group above them), in
 * `grouped` once if it has any group, and in the tenant's month. A won deal
 * counts in `won`, a lost one in `lost` under its loss reason, both in the
 * month it closed (UTC: the month of `closedAt` as stored).
 *
 * Open buckets carry `count`, `valueMinor` and `weightedMinor`; outcome
 * buckets `count` and `valueMinor`.
 */
export type ForecastBucket =
  | { readonly kind: 'owner'; readonly month: string; readonly ownerId: string }
  | { readonly kind: 'group'; readonly month: string; readonly groupId: string }
  /** Every open deal whose owner is in at least one group, counted once: the total of a report by group. */
  | { readonly kind: 'grouped'; readonly month: string }
  | { readonly kind: 'month'; readonly month: string }
  | { readonly kind: 'won'; readonly month: string }
  | { readonly kind: 'lost'; readonly month: string; readonly lossReasonId: string };

export type ForecastDelta = BucketDelta<ForecastBucket>;

/** Where a lost deal without a loss reason is counted; the deal rules make every lost deal give one. */
export const noLossReason = '-';

/**
 * A deal's expected value weighted by its stage's probability:
 * `valueMinor × probabilityBasisPoints / 10 000`, computed exactly and
 * rounded once per deal, half up, to whole minor units. A bucket's weighted
 * sum is the sum of its deals' rounded values, so it never drifts with the
 * order deals come and go in.
 */
export function weightedMinor(valueMinor: number, probabilityBasisPoints: number): number {
  const exact = BigInt(valueMinor) * BigInt(probabilityBasisPoints);
  return toSafeNumber(divideRoundingHalfAwayFromZero(exact, BigInt(fullProbability)), 'weighted value');
}

/** `YYYY-MM` of a date (`YYYY-MM-DD`) or an ISO timestamp. */
const monthOf = (date: string) => date.slice(0, 7);

/** What one deal adds to the forecast aggregates; nothing once deleted. */
export function dealContribution(deal: Deal): ForecastDelta[] {
  if (deal.deletedAt !== undefined) return [];
  const { status, probabilityBasisPoints } = deal.stage;
  if (status === 'open') {
    const month = monthOf(deal.expectedCloseDate);
    const amounts = {
      count: 1,
      valueMinor: deal.valueMinor,
      weightedMinor: weightedMinor(deal.valueMinor, probabilityBasisPoints),
    };
    const groupIds = [...new Set(deal.forecastGroupIds)];
    const buckets: ForecastBucket[] = [
      { kind: 'owner', month, ownerId: deal.ownerId },
      ...groupIds.map((groupId): ForecastBucket => ({ kind: 'group', month, groupId })),
      ...(groupIds.length > 0 ? [{ kind: 'grouped', month } as const] : []),
      { kind: 'month', month },
    ];
    return buckets.map((bucket) => ({ bucket, amounts }));
  }
  const month = monthOf(deal.closedAt ?? deal.updatedAt);
  const amounts = { count: 1, valueMinor: deal.valueMinor };
  const bucket: ForecastBucket =
    status === 'won'
      ? { kind: 'won', month }
      : { kind: 'lost', month, lossReasonId: deal.lossReasonId ?? noLossReason };
  return [{ bucket, amounts }];
}

/**
 * What a deal event moves: the contribution of the deal after it less the
 * one before it (none for a new deal). Because each event carries both
 * sides, the deltas of a deal's events sum to its current contribution
 * whatever order they are applied in.
 */
export function dealDelta(previous: Deal | undefined, next: Deal): ForecastDelta[] {
  return difference(previous ? dealContribution(previous) : [], dealContribution(next));
}
