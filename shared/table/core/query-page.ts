import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#domain/ports';
import { type CursorKey, decodeCursor, encodeCursor, invalidCursor } from './cursor';
import { stripLayout } from './item-mapping';
import { type KeyCondition, keyNames, queryKeyInput } from './key-condition';
import type { Table } from './table';

/** An attribute filter's value: equal to it, or (a list) to one of them. */
export type FilterValue = string | boolean | readonly string[];

/** An access pattern's key condition (`entity.patterns.<name>.query(…)`) and filters of its own. */
export interface PageQuery extends KeyCondition {
  /** Attribute filters, applied after the key condition; an undefined one is left out. */
  readonly equals?: Readonly<Record<string, FilterValue | undefined>>;
  /** List attributes that must hold a value; an undefined one is left out. */
  readonly contains?: Readonly<Record<string, string | undefined>>;
}

/**
 * The most reads one page takes. A filter drops items after DynamoDB read
 * them, so a page is filled by reading on: `limit` items first, then twice
 * as many each time, up to `maxReadSize`; after this many reads the page
 * holds what was found (docs/architecture.md, "Filtered lists").
 */
export const maxReadsPerPage = 16;
/** The most items one read evaluates (DynamoDB also stops at 1 MB). */
export const maxReadSize = 1_000;

function filterOf(equals: PageQuery['equals'], contains: PageQuery['contains']) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  for (const [field, value] of Object.entries(contains ?? {})) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}Member`] = value;
    filters.push(`contains(#${field}, :${field}Member)`);
  }
  for (const [field, value] of Object.entries(equals ?? {})) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (Array.isArray(value)) {
      const placeholders = value.map((one, index) => {
        values[`:${field}${index}`] = one;
        return `:${field}${index}`;
      });
      filters.push(`#${field} IN (${placeholders.join(', ')})`);
    } else {
      values[`:${field}`] = value;
      filters.push(`#${field} = :${field}`);
    }
  }
  return { names, values, expression: filters.length > 0 ? filters.join(' AND ') : undefined };
}

/** The start key that resumes a read right after `item`. */
const startKeyAfter = (item: Record<string, unknown>, attributes: readonly string[]) =>
  Object.fromEntries(attributes.map((name) => [name, item[name]]));

/**
 * One page of one partition, in the order of its sort key. With filters the
 * page is filled by reading on until it holds `limit` matches or the
 * partition ends, at most `maxReadsPerPage` reads; the cursor resumes right
 * after the last item the page holds (or the last one read, when nothing
 * read since matched), so no item is skipped or repeated.
 */
export async function queryPage<T>(
  table: Table,
  query: PageQuery,
  page: PageRequest,
  fromItem: (item: Record<string, unknown>) => T = stripLayout<T>,
): Promise<Page<T>> {
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
  const filter = filterOf(query.equals, query.contains);
  const held: Record<string, unknown>[] = [];
  let start = decodeCursor(page.cursor, cursorKey);
  let readSize = page.limit;
  for (let read = 1; ; read += 1) {
    const result = await sendQuery(
      table,
      new QueryCommand({
        TableName: table.name,
        ...key,
        FilterExpression: filter.expression,
        ExpressionAttributeNames: { ...key.ExpressionAttributeNames, ...filter.names },
        ExpressionAttributeValues: { ...key.ExpressionAttributeValues, ...filter.values },
        Limit: readSize,
        ExclusiveStartKey: start,
      }),
    );
    const items = result.Items ?? [];
    const room = page.limit - held.length;
    if (items.length > room) {
      // Full inside this read: the next page starts right after the last item held.
      held.push(...items.slice(0, room));
      return pageOf(
        held,
        startKeyAfter(held[held.length - 1] as Record<string, unknown>, cursorKey.attributes),
      );
    }
    held.push(...items);
    start = result.LastEvaluatedKey;
    if (!start || held.length === page.limit || read >= maxReadsPerPage) return pageOf(held, start);
    readSize = Math.min(readSize * 2, maxReadSize);
  }

  function pageOf(items: Record<string, unknown>[], next: Record<string, unknown> | undefined): Page<T> {
    return { items: items.map(fromItem), nextCursor: encodeCursor(next) };
  }
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
