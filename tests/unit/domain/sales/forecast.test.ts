import { describe, expect, it } from 'vitest';
import type { Deal, DealStageSnapshot } from '#domain/sales/deals/deal';
import { type BucketDelta, mergeDeltas } from '#domain/sales/reports/bucket-delta';
import {
  dealContribution,
  dealDelta,
  type ForecastBucket,
  weightedMinor,
} from '#domain/sales/reports/forecast';

const proposal: DealStageSnapshot = {
  id: 'stage-proposal',
  title: 'Proposal',
  status: 'open',
  probabilityBasisPoints: 2_500,
};
const negotiation: DealStageSnapshot = {
  id: 'stage-negotiation',
  title: 'Negotiation',
  status: 'open',
  probabilityBasisPoints: 6_000,
};
const won: DealStageSnapshot = {
  id: 'stage-won',
  title: 'Won',
  status: 'won',
  probabilityBasisPoints: 10_000,
};
const lost: DealStageSnapshot = {
  id: 'stage-lost',
  title: 'Lost',
  status: 'lost',
  probabilityBasisPoints: 0,
};

const deal = (overrides: Partial<Deal> = {}): Deal => ({
  id: 'deal-1',
  tenantId: 'tenant-se',
  createdAt: '2026-09-01T08:00:00.000Z',
  createdBy: 'anna',
  updatedAt: '2026-09-01T08:00:00.000Z',
  updatedBy: 'anna',
  version: 1,
  title: 'Kommunens skolor, el 2027',
  accountId: 'account-1',
  ownerId: 'anna',
  participants: [{ userId: 'anna', shareBasisPoints: 10_000 }],
  supplyPointIds: [],
  valueMinor: 1_200_000,
  currency: 'SEK',
  expectedCloseDate: '2026-11-20',
  stage: proposal,
  stageHistory: [],
  forecastGroupIds: ['group-north', 'group-sales'],
  ...overrides,
});

/** The deltas as `bucket → amounts`, for comparison regardless of order. */
function table(deltas: readonly BucketDelta<ForecastBucket>[]): Record<string, Record<string, number>> {
  return Object.fromEntries(deltas.map(({ bucket, amounts }) => [Object.values(bucket).join(' '), amounts]));
}

const open = (valueMinor: number, weighted: number) => ({ count: 1, valueMinor, weightedMinor: weighted });
const minus = (amounts: Record<string, number>) =>
  Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, -v]));

describe('weightedMinor', () => {
  it('weights the value by the probability and rounds once, half up', () => {
    expect(weightedMinor(1_200_000, 2_500)).toBe(300_000);
    expect(weightedMinor(3, 5_000)).toBe(2); // 1.5 → 2
    expect(weightedMinor(1, 4_999)).toBe(0); // 0.4999 → 0
    expect(weightedMinor(0, 10_000)).toBe(0);
  });

  it('is exact for values a double cannot multiply exactly', () => {
    // 9 007 199 254 740 991 × 3 333 / 10 000 = 3 002 099 511 605 172.3003 → …172
    expect(weightedMinor(Number.MAX_SAFE_INTEGER, 3_333)).toBe(3_002_099_511_605_172);
  });
});

describe('dealDelta', () => {
  it('adds a new open deal to its owner, each group, the grouped total and the month of its expected close', () => {
    // Act
    const deltas = dealDelta(undefined, deal());

    // Assess
    expect(table(deltas)).toEqual({
      'owner 2026-11 anna': open(1_200_000, 300_000),
      'group 2026-11 group-north': open(1_200_000, 300_000),
      'group 2026-11 group-sales': open(1_200_000, 300_000),
      'grouped 2026-11': open(1_200_000, 300_000),
      'month 2026-11': open(1_200_000, 300_000),
    });
  });

  it('counts a deal whose owner is in no group for the owner and the month only', () => {
    expect(table(dealDelta(undefined, deal({ forecastGroupIds: [] })))).toEqual({
      'owner 2026-11 anna': open(1_200_000, 300_000),
      'month 2026-11': open(1_200_000, 300_000),
    });
  });

  it('moves only the weighted value when the stage moves to another open stage', () => {
    // Act
    const deltas = dealDelta(deal(), deal({ stage: negotiation, version: 2 }));

    // Assess: 60 % of 1 200 000 less 25 % of it.
    const change = { weightedMinor: 420_000 };
    expect(table(deltas)).toEqual({
      'owner 2026-11 anna': change,
      'group 2026-11 group-north': change,
      'group 2026-11 group-sales': change,
      'grouped 2026-11': change,
      'month 2026-11': change,
    });
  });

  it('takes a won deal out of the pipeline and counts it in the month it closed', () => {
    // Act
    const deltas = dealDelta(deal(), deal({ stage: won, closedAt: '2026-10-03T14:00:00.000Z', version: 2 }));

    // Assess
    const out = minus(open(1_200_000, 300_000));
    expect(table(deltas)).toEqual({
      'owner 2026-11 anna': out,
      'group 2026-11 group-north': out,
      'group 2026-11 group-sales': out,
      'grouped 2026-11': out,
      'month 2026-11': out,
      'won 2026-10': { count: 1, valueMinor: 1_200_000 },
    });
  });

  it('counts a lost deal under its loss reason', () => {
    // Act
    const deltas = dealDelta(
      deal({ forecastGroupIds: [] }),
      deal({
        forecastGroupIds: [],
        stage: lost,
        lossReasonId: 'reason-price',
        closedAt: '2026-10-31T23:30:00.000Z',
      }),
    );

    // Assess
    expect(table(deltas)).toEqual({
      'owner 2026-11 anna': minus(open(1_200_000, 300_000)),
      'month 2026-11': minus(open(1_200_000, 300_000)),
      'lost 2026-10 reason-price': { count: 1, valueMinor: 1_200_000 },
    });
  });

  it('takes a reopened deal out of its outcome and puts it back in the pipeline', () => {
    // Prepare
    const closed = deal({
      forecastGroupIds: [],
      stage: lost,
      lossReasonId: 'reason-price',
      closedAt: '2026-10-03T14:00:00.000Z',
    });

    // Act
    const deltas = dealDelta(closed, deal({ forecastGroupIds: [], stage: negotiation }));

    // Assess
    expect(table(deltas)).toEqual({
      'lost 2026-10 reason-price': { count: -1, valueMinor: -1_200_000 },
      'owner 2026-11 anna': open(1_200_000, 720_000),
      'month 2026-11': open(1_200_000, 720_000),
    });
  });

  it('moves the deal from one owner and their groups to the next owner and theirs', () => {
    // Act
    const deltas = dealDelta(
      deal(),
      deal({ ownerId: 'erik', forecastGroupIds: ['group-south', 'group-sales'] }),
    );

    // Assess: the shared parent group and the tenant's month do not move.
    expect(table(deltas)).toEqual({
      'owner 2026-11 anna': minus(open(1_200_000, 300_000)),
      'group 2026-11 group-north': minus(open(1_200_000, 300_000)),
      'owner 2026-11 erik': open(1_200_000, 300_000),
      'group 2026-11 group-south': open(1_200_000, 300_000),
    });
  });

  it('follows a change of the forecast groups alone', () => {
    expect(table(dealDelta(deal(), deal({ forecastGroupIds: ['group-sales'] })))).toEqual({
      'group 2026-11 group-north': minus(open(1_200_000, 300_000)),
    });
  });

  it('moves the value and the weighted value when the value changes', () => {
    // Act
    const deltas = dealDelta(
      deal({ forecastGroupIds: [] }),
      deal({ forecastGroupIds: [], valueMinor: 1_000_002 }),
    );

    // Assess: 25 % of 1 000 002 is 250 000.5 → 250 001.
    const change = { valueMinor: -199_998, weightedMinor: -49_999 };
    expect(table(deltas)).toEqual({ 'owner 2026-11 anna': change, 'month 2026-11': change });
  });

  it('moves the deal to another month when the expected close date does', () => {
    const deltas = dealDelta(
      deal({ forecastGroupIds: [] }),
      deal({ forecastGroupIds: [], expectedCloseDate: '2027-01-15' }),
    );
    expect(table(deltas)).toEqual({
      'owner 2026-11 anna': minus(open(1_200_000, 300_000)),
      'month 2026-11': minus(open(1_200_000, 300_000)),
      'owner 2027-01 anna': open(1_200_000, 300_000),
      'month 2027-01': open(1_200_000, 300_000),
    });
  });

  it('moves nothing for a change the forecast does not see', () => {
    expect(dealDelta(deal(), deal({ title: 'Skolor och förskolor', version: 2 }))).toEqual([]);
  });

  it('counts a group listed twice once', () => {
    const groups = dealContribution(deal({ forecastGroupIds: ['group-sales', 'group-sales'] })).filter(
      (d) => d.bucket.kind === 'group',
    );
    expect(groups).toHaveLength(1);
  });

  it('pairs up: the deltas of a deal’s changes sum to the delta from its first state to its last', () => {
    // Prepare: created, moved on, handed to another owner, won, reopened with a new value.
    const states = [
      deal(),
      deal({ stage: negotiation }),
      deal({ stage: negotiation, ownerId: 'erik', forecastGroupIds: ['group-south'] }),
      deal({
        stage: won,
        ownerId: 'erik',
        forecastGroupIds: ['group-south'],
        closedAt: '2026-10-09T09:00:00Z',
      }),
      deal({ stage: proposal, ownerId: 'erik', forecastGroupIds: ['group-south'], valueMinor: 999_999 }),
    ];

    // Act
    const stepwise = mergeDeltas(states.slice(1).flatMap((state, i) => dealDelta(states[i], state)));
    const direct = dealDelta(states[0], states[4] as Deal);

    // Assess
    expect(table(stepwise)).toEqual(table(direct));
    expect(table(mergeDeltas([...dealDelta(undefined, states[0] as Deal), ...stepwise]))).toEqual(
      table(dealContribution(states[4] as Deal)),
    );
  });

  it('takes a deleted deal out of every bucket', () => {
    const deltas = dealDelta(deal(), deal({ deletedAt: '2026-10-01T00:00:00.000Z' }));
    expect(deltas.every(({ amounts }) => amounts.count === -1)).toBe(true);
    expect(deltas).toHaveLength(5);
  });
});
