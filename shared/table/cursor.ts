import { HttpError } from '../http/http-error';

type StartKey = Record<string, string>;

/** An opaque page token: the last evaluated key, base64url-encoded JSON. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | undefined {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : undefined;
}

const invalidCursor = () =>
  new HttpError(
    400,
    'invalid-cursor',
    'Invalid cursor',
    'The cursor does not belong to this list; start again without it.',
    [{ name: 'cursor', reason: 'not a cursor of this list' }],
  );

/**
 * Decodes a cursor and checks it points into the partition being queried, so
 * a forged cursor can never start a read in another tenant's data.
 */
export function decodeCursor(
  cursor: string | undefined,
  partition: { readonly attribute: string; readonly value: string },
): StartKey | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  const entries = Object.entries(parsed);
  if (entries.length > 6 || entries.some(([, v]) => typeof v !== 'string')) throw invalidCursor();
  const key = parsed as StartKey;
  if (key[partition.attribute] !== partition.value) throw invalidCursor();
  return key;
}
