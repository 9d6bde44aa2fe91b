import { describe, expect, it } from 'vitest';
import { costCalls } from '../../../bench/cost-calls';
import { coverageOf } from '../../../bench/route-cost';

describe('the cost bench’s calls', () => {
  it('call every route of the API exactly once, so that no route is missing from docs/cost.md', () => {
    // Act
    const coverage = coverageOf(costCalls);

    // Assess
    expect(coverage).toEqual({ missing: [], twice: [], unknown: [] });
  });

  it('name a route without a call, one called twice and one the API does not have', () => {
    // Prepare
    const [first, second, ...rest] = costCalls;
    const calls = [first, first, ...rest, { route: 'GET /v1/nowhere' }].filter((c) => c !== undefined);

    // Act
    const coverage = coverageOf(calls);

    // Assess
    expect(coverage).toEqual({
      missing: [second?.route],
      twice: [first?.route],
      unknown: ['GET /v1/nowhere'],
    });
  });
});
