import type { Created } from '#domain/ports';
import { type Change, commitChange } from './commit-change';
import type { Table } from './table';

/**
 * A create as one transaction (`commitChange`, no expected version): the
 * created value, or the first request's when this one is a replay of it.
 */
export async function commitCreate<T>(
  table: Table,
  change: Change & { readonly response: T },
): Promise<Created<T>> {
  const result = await commitChange(table, change);
  // A replay answers the response stored by the first request: a T, read back from JSON.
  return 'replayed' in result
    ? { value: result.replayed as T, replayed: true }
    : { value: change.response, replayed: false };
}
