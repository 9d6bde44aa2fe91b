import { describe, expect, it } from 'vitest';
import { mapLimit, mapLimitSettled } from '#domain/map-limit';

/** A call that counts how many calls run at once, and finishes after the others have had a turn. */
function counting() {
  const state = { running: 0, mostAtOnce: 0 };
  const call = async (n: number) => {
    state.running++;
    state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
    await new Promise((resolve) => setImmediate(resolve));
    state.running--;
    return n * 10;
  };
  return { state, call };
}

describe('mapLimit', () => {
  it('answers the results in the order of the items, running no more than the limit at once', async () => {
    // Prepare
    const { state, call } = counting();

    // Act
    const results = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, call);

    // Assess
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(state.mostAtOnce).toBe(3);
  });

  it('answers nothing for no items', async () => {
    expect(await mapLimit([], 4, async (n: number) => n)).toEqual([]);
  });

  it('rejects with the first failure', async () => {
    // Act
    const outcome = mapLimit([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('item 2 failed');
      return n;
    });

    // Assess
    await expect(outcome).rejects.toThrow('item 2 failed');
  });
});

describe('mapLimitSettled', () => {
  it('runs every item, and answers each outcome in the order of the items', async () => {
    // Prepare
    const failure = new Error('item 2 failed');

    // Act
    const results = await mapLimitSettled([1, 2, 3], 2, async (n) => {
      if (n === 2) throw failure;
      return n;
    });

    // Assess
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 3 },
    ]);
  });
});
