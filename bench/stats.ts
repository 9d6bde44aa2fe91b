export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Runs each contender once per round, in turn and starting with a different
 * one each round, so that the machine's noise falls on all of them alike;
 * returns each one's samples in milliseconds. A contender timed where it
 * runs (a client on a thread of its own) resolves to `{ elapsedMs }`, and
 * that time is its sample.
 */
const timedElsewhere = (result: unknown): number | undefined =>
  typeof result === 'object' &&
  result !== null &&
  'elapsedMs' in result &&
  typeof result.elapsedMs === 'number'
    ? result.elapsedMs
    : undefined;

export async function interleaved<K extends string>(
  rounds: number,
  contenders: Record<K, () => Promise<unknown>>,
): Promise<Record<K, number[]>> {
  const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []])) as unknown as Record<
    K,
    number[]
  >;
  const entries = Object.entries(contenders) as [K, () => Promise<unknown>][];
  for (let i = 0; i < rounds; i++) {
    const order = [...entries.slice(i % entries.length), ...entries.slice(0, i % entries.length)];
    for (const [name, run] of order) {
      const start = performance.now();
      const result = await run();
      samples[name].push(timedElsewhere(result) ?? performance.now() - start);
    }
  }
  return samples;
}
