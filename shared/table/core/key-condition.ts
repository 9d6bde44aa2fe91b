import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** The table's two generic indexes (`lib/table-definition.ts`). */
export type IndexName = 'gsi1' | 'gsi2';

export type SortKeyCondition =
  | { readonly op: '=' | '<' | '<=' | 'begins_with'; readonly value: string }
  | { readonly op: 'between'; readonly value: string; readonly to: string };

/** What one Query reads: a partition of the table or an index, maybe narrowed by its sort key. */
export interface KeyCondition {
  /** Omitted for the base table. */
  readonly index?: IndexName;
  readonly partition: string;
  readonly sortKey?: SortKeyCondition;
  readonly newestFirst?: boolean;
}

export const keyNames = (index: IndexName | undefined) =>
  index ? { pk: `${index}pk`, sk: `${index}sk` } : { pk: 'pk', sk: 'sk' };

function sortKeyExpression(sk: string, condition: SortKeyCondition): string {
  switch (condition.op) {
    case 'begins_with':
      return `begins_with(${sk}, ${condition.value})`;
    case 'between':
      return `${sk} BETWEEN ${condition.value} AND ${condition.to}`;
    default:
      return `${sk} ${condition.op} ${condition.value}`;
  }
}

/** The condition as the docs write it: `gsi1pk = …, begins_with(gsi1sk, …)`. */
export function conditionText(condition: KeyCondition): string {
  const names = keyNames(condition.index);
  const partition = `${names.pk} = ${condition.partition}`;
  return condition.sortKey ? `${partition}, ${sortKeyExpression(names.sk, condition.sortKey)}` : partition;
}

/** The condition with its values replaced by expression placeholders. */
const placeholders = (condition: SortKeyCondition): SortKeyCondition =>
  condition.op === 'between'
    ? { op: 'between', value: ':ksk', to: ':kto' }
    : { op: condition.op, value: ':ksk' };

type QueryKeyInput = Required<
  Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ScanIndexForward'>
> &
  Pick<QueryCommandInput, 'IndexName'> & { ExpressionAttributeValues: Record<string, unknown> };

/**
 * The key part of a QueryCommand's input. Its names and values start with
 * `#k`/`:k`, so a caller may add filters of its own beside them.
 */
export function queryKeyInput(condition: KeyCondition): QueryKeyInput {
  const names = keyNames(condition.index);
  const sortKey = condition.sortKey;
  return {
    IndexName: condition.index,
    KeyConditionExpression: sortKey
      ? `#kpk = :kpk AND ${sortKeyExpression('#ksk', placeholders(sortKey))}`
      : '#kpk = :kpk',
    ExpressionAttributeNames: { '#kpk': names.pk, ...(sortKey ? { '#ksk': names.sk } : {}) },
    ExpressionAttributeValues: {
      ':kpk': condition.partition,
      ...(sortKey ? { ':ksk': sortKey.value } : {}),
      ...(sortKey?.op === 'between' ? { ':kto': sortKey.to } : {}),
    },
    ScanIndexForward: !condition.newestFirst,
  };
}
