import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './key-template';
import type { Table } from './table';

/**
 * `consistent` for reads a conditional write or a decision depends on (a
 * stale copy would give a false 412, 404 or a wrong answer); `eventual`
 * where a moment-old copy is as good (cached profiles, reference tables).
 */
export type Read = 'consistent' | 'eventual';

export interface GetOptions {
  readonly read?: Read;
  /** Only these attributes of the item. */
  readonly attributes?: readonly string[];
}

/** One item by its key, as stored (layout attributes included); strongly consistent unless asked otherwise. */
export async function getItem(
  table: Table,
  key: ItemKey,
  { read = 'consistent', attributes }: GetOptions = {},
): Promise<Record<string, unknown> | undefined> {
  const names = attributes && Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.name,
      Key: key,
      ConsistentRead: read === 'consistent',
      ...(names
        ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }
        : {}),
    }),
  );
  return Item;
}
