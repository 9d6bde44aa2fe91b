import { HttpError } from '#http/http-error';

type StartKey = Record<string, string>;

/** What a start key of one query must look like. */
export interface CursorKey {
  /** Exactly the attributes of a start key: `pk`, `sk` and, on an index, its own two keys. */
  readonly attributes: readonly string[];
  /** The queried index's partition key and the partition being read. */
  readonly partition: { readonly attribute: string; readonly value: string };
  /** The queried index's sort key and the prefix the key condition requires, if any. */
  readonly sortKeyPrefix?: { readonly attribute: string; readonly value: string };
}

/** An opaque page token: the last evaluated key, base64url-encoded JSON. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | undefined {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : undefined;
}

export const invalidCursor = () =>
  new HttpError('invalid-cursor', 'The cursor does not belong to this list; start again without it.', [
    { name: 'cursor', reason: 'not a cursor of this list' },
  ]);

/**
 * Decodes a cursor and checks it is a start key DynamoDB accepts for this
 * query: exactly the key attributes of the table and the queried index, in
 * the partition being queried (so a forged cursor can never start a read in
 * another tenant's data) and inside the sort key prefix. Anything else is a
 * 400 naming `cursor`, never a 500 from DynamoDB.
 */
export function decodeCursor(cursor: string | undefined, expected: CursorKey): StartKey | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  const key = parsed as Record<string, unknown>;
  const names = Object.keys(key);
  if (
    names.length !== expected.attributes.length ||
    !expected.attributes.every((name) => typeof key[name] === 'string' && key[name] !== '')
  ) {
    throw invalidCursor();
  }
  const startKey = key as StartKey;
  if (startKey[expected.partition.attribute] !== expected.partition.value) throw invalidCursor();
  const prefix = expected.sortKeyPrefix;
  if (prefix && !startKey[prefix.attribute]?.startsWith(prefix.value)) throw invalidCursor();
  return startKey;
}
