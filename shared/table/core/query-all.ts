import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { type KeyCondition, queryKeyInput } from './key-condition';
import type { Table } from './table';

/** What a Query may add to its key condition: a filter, a projection, consistency, a page size. */
export type QueryOptions = Pick<
  QueryCommandInput,
  | 'FilterExpression'
  | 'ProjectionExpression'
  | 'ExpressionAttributeNames'
  | 'ExpressionAttributeValues'
  | 'ConsistentRead'
  | 'Limit'
>;

/** A Query's pages one after the other, as long as the caller reads on. */
export async function* queryPages(
  table: Table,
  condition: KeyCondition,
  options: QueryOptions = {},
): AsyncGenerator<Record<string, unknown>[]> {
  const key = queryKeyInput(condition);
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        ...options,
        ...key,
        ExpressionAttributeNames: { ...key.ExpressionAttributeNames, ...options.ExpressionAttributeNames },
        ExpressionAttributeValues: { ...key.ExpressionAttributeValues, ...options.ExpressionAttributeValues },
        ExclusiveStartKey: start,
      }),
    );
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item of a Query: a result bigger than 1 MB reads on, page after page. */
export async function queryAll(
  table: Table,
  condition: KeyCondition,
  options: QueryOptions = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(table, condition, options)) items.push(...page);
  return items;
}

/** The first page of a Query only (with `Limit`: at most that many items). */
export async function queryFirstPage(
  table: Table,
  condition: KeyCondition,
  options: QueryOptions = {},
): Promise<Record<string, unknown>[]> {
  for await (const page of queryPages(table, condition, options)) return page;
  return [];
}
