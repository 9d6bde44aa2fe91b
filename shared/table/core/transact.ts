import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { HttpError } from '#http/http-error';
import type { Table } from './table';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Given the cancellation code of each item (`None` where it passed), says
 * which domain error the failure means, or undefined when it is unexpected.
 */
export type CancellationExplainer = (codes: readonly string[]) => Error | undefined;

/**
 * Writes all items or none. A failed condition is turned into the domain
 * error the caller names for that item; two writers racing on the same
 * items become a 409 the client can retry.
 */
export async function transactWrite(table: Table, items: TransactItem[], explain: CancellationExplainer) {
  try {
    await table.client.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    const explained = explain(codes);
    if (explained) throw explained;
    if (codes.includes('TransactionConflict')) {
      throw new HttpError('concurrent-change', 'Another request changed the same data; retry.');
    }
    throw error;
  }
}

/** Put an item that must not exist yet. */
export const putNew = (table: Table, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/**
 * Replace an item whose stored version is the one the change was based on;
 * with `expectedRevision`, whose revision too (an entity the system writes as
 * well, ADR 0011; 0 for an item that has none yet).
 */
export const putVersioned = (
  table: Table,
  item: Record<string, unknown>,
  expectedVersion: number,
  expectedRevision?: number,
): TransactItem => {
  if (expectedRevision === undefined) {
    return {
      Put: {
        TableName: table.name,
        Item: item,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    };
  }
  const revision = expectedRevision === 0 ? 'attribute_not_exists(#revision)' : '#revision = :revision';
  return {
    Put: {
      TableName: table.name,
      Item: item,
      ConditionExpression: `#version = :expected AND ${revision}`,
      ExpressionAttributeNames: { '#version': 'version', '#revision': 'revision' },
      ExpressionAttributeValues: {
        ':expected': expectedVersion,
        ...(expectedRevision === 0 ? {} : { ':revision': expectedRevision }),
      },
    },
  };
};

export const deleteItem = (table: Table, key: { pk: string; sk: string }): TransactItem => ({
  Delete: { TableName: table.name, Key: key },
});
