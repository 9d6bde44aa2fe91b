import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../shared/http/http-error';
import { decodeCursor, encodeCursor } from '../../../shared/table/cursor';
import { keys } from '../../../shared/table/keys';

const partition = { attribute: 'gsi2pk', value: keys.accountList('tenant-a') };

function httpErrorOf(act: () => unknown): HttpError {
  try {
    act();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError, but the call succeeded');
}

describe('cursor', () => {
  it('gives back the key it was made from', () => {
    // Prepare
    const lastKey = {
      pk: 'T#tenant-a#ACCOUNT#acc-9',
      sk: 'ACCOUNT',
      gsi2pk: partition.value,
      gsi2sk: 'volvo ab#acc-9',
    };

    // Act
    const cursor = encodeCursor(lastKey);
    const decoded = decodeCursor(cursor, partition);

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decoded).toEqual(lastKey);
  });

  it('gives no cursor after the last page and no start key without a cursor', () => {
    // Act
    const cursor = encodeCursor(undefined);
    const start = decodeCursor(undefined, partition);

    // Assess
    expect(cursor).toBeUndefined();
    expect(start).toBeUndefined();
  });

  it("refuses a cursor that points into another tenant's partition, naming the cursor", () => {
    // Prepare
    const forged = encodeCursor({
      pk: 'T#tenant-b#ACCOUNT#acc-1',
      sk: 'ACCOUNT',
      gsi2pk: keys.accountList('tenant-b'),
      gsi2sk: 'x#acc-1',
    });

    // Act
    const error = httpErrorOf(() => decodeCursor(forged, partition));

    // Assess
    expect(error.status).toBe(400);
    expect(error.fields).toEqual([{ name: 'cursor', reason: expect.any(String) }]);
  });

  it('refuses a cursor of another list of the same tenant', () => {
    // Prepare
    const deletedList = encodeCursor({
      pk: 'p',
      sk: 's',
      gsi2pk: keys.accountList('tenant-a', true),
      gsi2sk: 'x',
    });

    // Act
    const error = httpErrorOf(() => decodeCursor(deletedList, partition));

    // Assess
    expect(error.status).toBe(400);
  });

  it.each([
    ['not base64 JSON', '%%%not-a-cursor%%%'],
    ['a JSON array', Buffer.from(JSON.stringify([partition.value])).toString('base64url')],
    ['a JSON string', Buffer.from(JSON.stringify(partition.value)).toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    [
      'a key with a non-string value',
      Buffer.from(JSON.stringify({ gsi2pk: partition.value, n: 1 })).toString('base64url'),
    ],
    [
      'a key with too many attributes',
      Buffer.from(
        JSON.stringify({ gsi2pk: partition.value, a: '', b: '', c: '', d: '', e: '', f: '' }),
      ).toString('base64url'),
    ],
  ])('refuses a cursor that is %s', (_case, cursor) => {
    // Act
    const error = httpErrorOf(() => decodeCursor(cursor, partition));

    // Assess
    expect(error).toMatchObject({ status: 400, code: 'invalid-cursor', fields: [{ name: 'cursor' }] });
  });
});
