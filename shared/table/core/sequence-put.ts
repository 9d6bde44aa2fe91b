import type { Table } from './table';
import { putNew, type TransactItem } from './transact';

/**
 * A gap-free sequence moved from `last` to the next number (`item` holds
 * `last + 1`), only if nobody moved it since it was read: written in the
 * transaction that uses the number, so a number is only ever used once.
 */
export function sequencePut(table: Table, item: Record<string, unknown>, last: number): TransactItem {
  return last === 0
    ? putNew(table, item)
    : {
        Put: {
          TableName: table.name,
          Item: item,
          ConditionExpression: '#last = :last',
          ExpressionAttributeNames: { '#last': 'last' },
          ExpressionAttributeValues: { ':last': last },
        },
      };
}
