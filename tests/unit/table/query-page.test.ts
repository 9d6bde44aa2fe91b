import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '#table/core/cursor';
import { maxReadsPerPage, queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';

/** A table whose every request fails as DynamoDB answers it. */
function failingTable(name: string, message: string): Table {
  const error = new DynamoDBServiceException({ name, message, $fault: 'client', $metadata: {} });
  const client = { send: async () => Promise.reject(error) } as unknown as DynamoDBDocumentClient;
  return { name: 'test', client };
}

const partition = 'T#tenant-a#ACCOUNT#acc-1';
/** A cursor decodeCursor accepts for the notes of acc-1. */
const cursor = encodeCursor({ pk: partition, sk: 'NOTE#01JNR8Z5K3A7M6Q2W4E8T9Y0UP' });
const notes = { partition, sortKey: { op: 'begins_with', value: 'NOTE#' }, newestFirst: true } as const;

describe('queryPage', () => {
  it.each([
    'The provided starting key is outside query boundaries based on provided conditions',
    'The provided starting key is invalid: The provided key element does not match the schema',
    "Exclusive Start Key must have same size as table's key schema",
    'One or more parameter values were invalid: ExclusiveStartKey is invalid',
  ])('answers 400 naming the cursor when DynamoDB still refuses the start key: %s', async (message) => {
    // Act
    const attempt = queryPage(failingTable('ValidationException', message), notes, { limit: 10, cursor });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid-cursor',
      fields: [{ name: 'cursor' }],
    });
  });

  it('lets other failures through as they are', async () => {
    // Prepare
    const otherValidation = failingTable('ValidationException', 'Invalid KeyConditionExpression');
    const throttled = failingTable('ProvisionedThroughputExceededException', 'starting key, slow down');

    // Act
    const invalidQuery = queryPage(otherValidation, notes, { limit: 10, cursor });
    const withoutCursor = queryPage(
      failingTable('ValidationException', 'The provided starting key is invalid'),
      notes,
      { limit: 10 },
    );
    const slow = queryPage(throttled, notes, { limit: 10, cursor });

    // Assess
    await Promise.all([
      expect(invalidQuery).rejects.toMatchObject({ name: 'ValidationException' }),
      expect(withoutCursor).rejects.toMatchObject({ name: 'ValidationException' }),
      expect(slow).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' }),
    ]);
  });

  it('fills a filtered page for at most a bounded number of reads, and its cursor goes on where the reads stopped', async () => {
    // Prepare: a partition of 20 000 items that do not match, then 3 that do.
    const { table, reads } = partitionTable([
      ...Array.from({ length: 20_000 }, (_, n) => ({ kind: 'other', n })),
      ...Array.from({ length: 3 }, (_, n) => ({ kind: 'wanted', n })),
    ]);
    const query = {
      partition,
      sortKey: { op: 'begins_with', value: 'ITEM#' },
      equals: { kind: 'wanted' },
    } as const;

    // Act: page after page until the cursor ends.
    const pages = [];
    let next: string | undefined;
    do {
      const page = await queryPage<{ n: number }>(table, query, { limit: 5, cursor: next });
      pages.push({ items: page.items.map((i) => i.n), reads: reads.splice(0) });
      next = page.nextCursor;
    } while (next);

    // Assess: each page stops after the bound, every item is read exactly once, the matches come once, in order.
    expect(pages[0]?.reads).toHaveLength(maxReadsPerPage);
    expect(pages.every((page) => page.reads.length <= maxReadsPerPage)).toBe(true);
    expect(pages.flatMap((page) => page.reads).reduce((sum, evaluated) => sum + evaluated, 0)).toBe(20_003);
    expect(pages.flatMap((page) => page.items)).toEqual([0, 1, 2]);
    expect(pages.at(-1)?.items).toEqual([0, 1, 2]);
  });
});

/** One partition in memory, read as DynamoDB reads it: `Limit` items evaluated from the start key, then filtered. */
function partitionTable(given: readonly Record<string, unknown>[]) {
  const items: Record<string, unknown>[] = given.map((item, n) => ({
    ...item,
    pk: partition,
    sk: `ITEM#${String(n).padStart(6, '0')}`,
  }));
  const reads: number[] = [];
  const send = async ({ input }: QueryCommand) => {
    const start = input.ExclusiveStartKey?.sk as string | undefined;
    const from = start === undefined ? 0 : items.findIndex((item) => item.sk === start) + 1;
    const evaluated = items.slice(from, from + (input.Limit ?? items.length));
    reads.push(evaluated.length);
    const last = evaluated.at(-1);
    const wanted = input.ExpressionAttributeValues?.[':kind'];
    return {
      Items: evaluated.filter((item) => item.kind === wanted),
      LastEvaluatedKey:
        last && from + evaluated.length < items.length ? { pk: last.pk, sk: last.sk } : undefined,
    };
  };
  const table: Table = { name: 'test', client: { send } as unknown as DynamoDBDocumentClient };
  return { table, reads };
}
