import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '#table/core/cursor';
import { queryPage } from '#table/core/query-page';
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
      status: 400,
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
});
