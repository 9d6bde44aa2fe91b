import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { VersionMismatchError } from '#domain/errors';
import type { Table } from './table';

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
