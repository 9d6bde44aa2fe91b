import { describe, expect, it } from 'vitest';
import { costPer } from '#domain/campaigns/campaign-costs';

describe('cost per lead and per contract', () => {
  it('divides the budget in minor units, rounded half up', () => {
    expect(costPer(1_000_000, 3)).toBe(333_333);
    expect(costPer(1_000_000, 6)).toBe(166_667);
    // 5 / 2 = 2.5 → 3; 7 / 2 = 3.5 → 4
    expect(costPer(5, 2)).toBe(3);
    expect(costPer(7, 2)).toBe(4);
    expect(costPer(4_500_000, 1)).toBe(4_500_000);
  });

  it('is exact for the largest budgets, and absent before anything was counted', () => {
    expect(costPer(Number.MAX_SAFE_INTEGER, 2)).toBe(4_503_599_627_370_496);
    expect(costPer(1_000, 0)).toBeUndefined();
  });
});
