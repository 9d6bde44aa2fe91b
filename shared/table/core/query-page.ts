import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#domain/ports';
import { type CursorKey, decodeCursor, encodeCursor, invalidCursor } from './cursor';
import { stripLayout } from './item-mapping';
import type { Table } from './table';

export interface PageQuery {
  /** Omitted for the base table. */
  readonly index?: 'gsi1' | 'gsi2';
  readonly partition: string;
  readonly sortKeyPrefix?: string;
  /** Attribute equality filters, applied after the key condition. */
  readonly equals?: Readonly<Record<string, string | undefined>>;
  readonly newestFirst?: boolean;
}

/**
 * One page of one partition. Filters apply after `Limit`, so a filtered page
 * may hold fewer items than asked for; the cursor still moves on correctly.
 */
export async function queryPage<T>(table: Table, query: PageQuery, page: PageRequest): Promise<Page<T>> {
  const pkName = query.index ? `${query.index}pk` : 'pk';
  const skName = query.index ? `${query.index}sk` : 'sk';
  // A start key holds the table's key and, on an index, the index's key too.
  const cursorKey: CursorKey = {
    attributes: query.index ? ['pk', 'sk', pkName, skName] : ['pk', 'sk'],
    partition: { attribute: pkName, value: query.partition },
    ...(query.sortKeyPrefix ? { sortKeyPrefix: { attribute: skName, value: query.sortKeyPrefix } } : {}),
  };
  const names: Record<string, string> = { '#pk': pkName };
  const values: Record<string, unknown> = { ':pk': query.partition };
  let keyCondition = '#pk = :pk';
  if (query.sortKeyPrefix) {
    names['#sk'] = skName;
    values[':prefix'] = query.sortKeyPrefix;
    keyCondition += ' AND begins_with(#sk, :prefix)';
  }
  const filters: string[] = [];
  for (const [field, value] of Object.entries(query.equals ?? {})) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    filters.push(`#${field} = :${field}`);
  }
  const result = await sendQuery(
    table,
    new QueryCommand({
      TableName: table.name,
      IndexName: query.index,
      KeyConditionExpression: keyCondition,
      FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: !query.newestFirst,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, cursorKey),
    }),
  );
  return {
    items: (result.Items ?? []).map((i) => stripLayout<T>(i)),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
}

/**
 * A safety net behind `decodeCursor`: should DynamoDB still reject the start
 * key, that is a bad cursor (400), not a server fault (500).
 */
async function sendQuery(table: Table, command: QueryCommand) {
  try {
    return await table.client.send(command);
  } catch (error) {
    if (
      command.input.ExclusiveStartKey &&
      error instanceof Error &&
      error.name === 'ValidationException' &&
      /exclusive ?start ?key|starting key/i.test(error.message)
    ) {
      throw invalidCursor();
    }
    throw error;
  }
}
