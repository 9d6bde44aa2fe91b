import { describe, expect, it } from 'vitest';
import { HttpError } from '#http/http-error';
import { problemOf } from '#http/problem';
import { accountEntity } from '#table/accounts/entities';
import { type CursorKey, decodeCursor, encodeCursor } from '#table/core/cursor';

const listOf = (tenantId: string) => accountEntity.patterns.byName.query({ tenantId }).partition;
const deletedListOf = (tenantId: string) =>
  accountEntity.patterns.deletedByName.query({ tenantId }).partition;

/** The accounts list of tenant-a: gsi2, any name. */
const accountList: CursorKey = {
  attributes: ['pk', 'sk', 'gsi2pk', 'gsi2sk'],
  partition: { attribute: 'gsi2pk', value: listOf('tenant-a') },
};
/** The accounts list of tenant-a whose names start with "volvo". */
const volvoAccounts: CursorKey = {
  ...accountList,
  sortKeyPrefix: { attribute: 'gsi2sk', value: 'volvo' },
};
const subjectPk = 'T#tenant-a#ACCOUNT#acc-9';
/** The notes of one account: the base table. */
const notesOfAccount: CursorKey = {
  attributes: ['pk', 'sk'],
  partition: { attribute: 'pk', value: subjectPk },
  sortKeyPrefix: { attribute: 'sk', value: 'NOTE#' },
};
const historyOfAccount: CursorKey = {
  ...notesOfAccount,
  sortKeyPrefix: { attribute: 'sk', value: 'HISTORY#' },
};

const volvoKey = {
  pk: 'T#tenant-a#ACCOUNT#acc-9',
  sk: 'ACCOUNT',
  gsi2pk: listOf('tenant-a'),
  gsi2sk: 'volvo ab#acc-9',
};

const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

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
    // Act
    const cursor = encodeCursor(volvoKey);
    const decoded = decodeCursor(cursor, accountList);

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decoded).toEqual(volvoKey);
  });

  it('accepts a key whose sort key starts with the prefix the query asks for', () => {
    // Act
    const onIndex = decodeCursor(encodeCursor(volvoKey), volvoAccounts);
    const note = { pk: subjectPk, sk: `NOTE#01JNR8Z5K3A7M6Q2W4E8T9Y0UP` };
    const onTable = decodeCursor(encodeCursor(note), notesOfAccount);

    // Assess
    expect(onIndex).toEqual(volvoKey);
    expect(onTable).toEqual(note);
  });

  it('gives no cursor after the last page and no start key without a cursor', () => {
    // Act
    const cursor = encodeCursor(undefined);
    const start = decodeCursor(undefined, accountList);

    // Assess
    expect(cursor).toBeUndefined();
    expect(start).toBeUndefined();
  });

  it("refuses a cursor that points into another tenant's partition, naming the cursor", () => {
    // Prepare
    const forged = encodeCursor({
      pk: 'T#tenant-b#ACCOUNT#acc-1',
      sk: 'ACCOUNT',
      gsi2pk: listOf('tenant-b'),
      gsi2sk: 'x#acc-1',
    });

    // Act
    const error = httpErrorOf(() => decodeCursor(forged, accountList));

    // Assess
    expect(problemOf(error)?.status).toBe(400);
    expect(error.fields).toEqual([{ name: 'cursor', reason: expect.any(String) }]);
  });

  it('refuses a cursor of another list of the same tenant', () => {
    // Prepare
    const deletedList = encodeCursor({
      pk: 'p',
      sk: 's',
      gsi2pk: deletedListOf('tenant-a'),
      gsi2sk: 'x',
    });

    // Act
    const error = httpErrorOf(() => decodeCursor(deletedList, accountList));

    // Assess
    expect(problemOf(error)?.status).toBe(400);
  });

  it.each([
    ['not base64 JSON', '%%%not-a-cursor%%%', accountList],
    ['a JSON array', encoded([accountList.partition.value]), accountList],
    ['a JSON string', encoded(accountList.partition.value), accountList],
    ['JSON null', Buffer.from('null').toString('base64url'), accountList],
    ['a key with a non-string value', encoded({ ...volvoKey, gsi2sk: 1 }), accountList],
    [
      'a key with too many attributes',
      encoded({ ...volvoKey, a: '', b: '', c: '', d: '', e: '', f: '' }),
      accountList,
    ],
    ['a key without the sort key of the index', encoded({ ...volvoKey, gsi2sk: undefined }), accountList],
    [
      'a key without the keys of the table',
      encoded({ gsi2pk: volvoKey.gsi2pk, gsi2sk: volvoKey.gsi2sk }),
      accountList,
    ],
    ['a key with one attribute too many', encoded({ ...volvoKey, gsi1pk: 'x' }), accountList],
    ['a key with an empty sort key', encoded({ ...volvoKey, gsi2sk: '' }), accountList],
    ['a key of the table for an index', encoded({ pk: volvoKey.pk, sk: volvoKey.sk }), accountList],
    ['a key of an index for the table', encoded({ ...volvoKey, pk: subjectPk }), notesOfAccount],
    [
      'a key outside the sort key prefix',
      encoded({ ...volvoKey, gsi2sk: 'bageri solrosen ab#acc-1' }),
      volvoAccounts,
    ],
    [
      'a notes key for the history of the same subject',
      encoded({ pk: subjectPk, sk: `NOTE#01JNR8Z5K3A7M6Q2W4E8T9Y0UP` }),
      historyOfAccount,
    ],
  ])('refuses a cursor that is %s', (_case, cursor, expected) => {
    // Act
    const error = httpErrorOf(() => decodeCursor(cursor, expected));

    // Assess
    expect(error).toMatchObject({ code: 'invalid-cursor', fields: [{ name: 'cursor' }] });
    expect(problemOf(error)?.status).toBe(400);
  });
});
