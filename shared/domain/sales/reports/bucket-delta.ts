import { canonicalJson } from '#domain/events';

/**
 * A change of the counters of one aggregate bucket. A consumer adds it to
 * the stored counters, so the deltas of a record's changes, applied in any
 * order, sum to what the record contributes now.
 */
export interface BucketDelta<B> {
  readonly bucket: B;
  /** Counter name → amount to add; never 0. */
  readonly amounts: Readonly<Record<string, number>>;
}

/** Contributions summed per bucket, in first-seen order; zero amounts and buckets left empty are dropped. */
export function mergeDeltas<B>(deltas: readonly BucketDelta<B>[]): BucketDelta<B>[] {
  const byBucket = new Map<string, { bucket: B; amounts: Record<string, number> }>();
  for (const { bucket, amounts } of deltas) {
    const id = canonicalJson(bucket);
    const entry = byBucket.get(id) ?? { bucket, amounts: {} };
    for (const [name, amount] of Object.entries(amounts))
      entry.amounts[name] = (entry.amounts[name] ?? 0) + amount;
    byBucket.set(id, entry);
  }
  return [...byBucket.values()].flatMap(({ bucket, amounts }) => {
    const nonZero = Object.fromEntries(Object.entries(amounts).filter(([, amount]) => amount !== 0));
    return Object.keys(nonZero).length > 0 ? [{ bucket, amounts: nonZero }] : [];
  });
}

/** `after − before`, merged per bucket. */
export function difference<B>(
  before: readonly BucketDelta<B>[],
  after: readonly BucketDelta<B>[],
): BucketDelta<B>[] {
  const negated = before.map(({ bucket, amounts }) => ({
    bucket,
    amounts: Object.fromEntries(Object.entries(amounts).map(([name, amount]) => [name, -amount])),
  }));
  return mergeDeltas([...after, ...negated]);
}
