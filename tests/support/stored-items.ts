import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from '#table/core/key-template';
import type { Table } from '#table/core/table';

/** The item stored under a key, as it is now (a consistent read). */
export async function itemAt(table: Table, key: ItemKey) {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
  );
  return Item;
}

/** Every item of a partition, as it is now (a consistent read). */
export async function itemsIn(table: Table, pk: string) {
  const { Items = [] } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return Items;
}
