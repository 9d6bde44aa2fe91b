export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Runs each contender once per round, in turn and starting with a different
 * one each round, so that the machine's noise falls on all of them alike;
 * returns each one's samples in milliseconds.
 */
export async function interleaved(
  rounds: number,
  contenders: Record<string, () => Promise<unknown>>,
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  const entries = Object.entries(contenders);
  for (let i = 0; i < rounds; i++) {
    const order = [...entries.slice(i % entries.length), ...entries.slice(0, i % entries.length)];
    for (const [name, run] of order) {
      const start = performance.now();
      await run();
      samples[name]?.push(performance.now() - start);
    }
  }
  return samples;
}
