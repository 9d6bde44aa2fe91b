/**
 * Runs `fn` over `items`, at most `limit` at a time, and answers the results
 * in the order of the items. The first failure rejects the whole; calls
 * already started still run to their end.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  // One iterator shared by the workers: each takes the next item that none has taken.
  const pending = items.entries();
  const worker = async () => {
    for (const [index, item] of pending) results[index] = await fn(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Like `mapLimit`, but waits for every call and answers each one's outcome. */
export function mapLimitSettled<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  return mapLimit(items, limit, async (item): Promise<PromiseSettledResult<R>> => {
    try {
      return { status: 'fulfilled', value: await fn(item) };
    } catch (reason) {
      return { status: 'rejected', reason };
    }
  });
}
