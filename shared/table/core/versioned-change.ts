import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { VersionMismatchError } from '#domain/errors';
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

/**
 * Replaces an item whose stored version is the one the change was based on,
 * for a change with no event (no transaction needed). Another version is a
 * VersionMismatchError (412) naming the resource.
 */
export async function replaceVersioned(
  table: Table,
  item: Record<string, unknown>,
  expectedVersion: number,
  resource: { readonly type: string; readonly id: string },
): Promise<void> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: item,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new VersionMismatchError(resource.type, resource.id, { cause: error });
    }
    throw error;
  }
}
