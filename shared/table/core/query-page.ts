import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#domain/ports';
import { type CursorKey, decodeCursor, encodeCursor, invalidCursor } from './cursor';
import { stripLayout } from './item-mapping';
import { type KeyCondition, keyNames, queryKeyInput } from './key-condition';
import type { Table } from './table';

/** An access pattern's key condition (`entity.patterns.<name>.query(…)`) and filters of its own. */
export interface PageQuery extends KeyCondition {
  /** Attribute equality filters, applied after the key condition. */
  readonly equals?: Readonly<Record<string, string | undefined>>;
}

/**
 * One page of one partition. Filters apply after `Limit`, so a filtered page
 * may hold fewer items than asked for; the cursor still moves on correctly.
 */
export async function queryPage<T>(table: Table, query: PageQuery, page: PageRequest): Promise<Page<T>> {
  const index = keyNames(query.index);
  // A start key holds the table's key and, on an index, the index's key too.
  const cursorKey: CursorKey = {
    attributes: query.index ? ['pk', 'sk', index.pk, index.sk] : ['pk', 'sk'],
    partition: { attribute: index.pk, value: query.partition },
    ...(query.sortKey?.op === 'begins_with'
      ? { sortKeyPrefix: { attribute: index.sk, value: query.sortKey.value } }
      : {}),
  };
  const key = queryKeyInput(query);
  const names: Record<string, string> = { ...key.ExpressionAttributeNames };
  const values: Record<string, unknown> = { ...key.ExpressionAttributeValues };
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
      ...key,
      FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
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
