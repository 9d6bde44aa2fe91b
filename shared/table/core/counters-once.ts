import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { BucketTotal } from '#domain/sales/reports/sales-aggregates';
import type { ItemKey } from './key-template';
import type { Table } from './table';
import type { TransactItem } from './transact';
import { transactRetryingConflicts } from './transact-retry';

/** A TransactWriteItems holds 100 items: the applied marker and 99 counter updates. */
export const countersPerTransaction = 99;
/** SQS keeps a message at most 14 days: no redelivery comes after its marker has expired. */
export const markerRetentionSeconds = 14 * 24 * 3600;

const layout = new Set(['pk', 'sk', 'entity', 'bucket']);

/** A stored aggregate item: the bucket as written, and every other attribute a counter. */
export function bucketTotalOf<B>(item: Record<string, unknown>): BucketTotal<B> {
  const amounts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) if (!layout.has(name)) amounts[name] = value as number;
  return { bucket: item.bucket as B, amounts };
}

/** An aggregate item's update: `SET` of what it is (the same on every write), `ADD` of each counter. */
export function counterUpdate(
  table: Table,
  key: ItemKey,
  entity: string,
  bucket: unknown,
  amounts: Readonly<Record<string, number>>,
): { key: ItemKey; item: TransactItem } {
  const names: Record<string, string> = { '#entity': 'entity', '#bucket': 'bucket' };
  const values: Record<string, unknown> = { ':entity': entity, ':bucket': bucket };
  const adds = Object.entries(amounts).map(([name, amount], i) => {
    names[`#a${i}`] = name;
    values[`:a${i}`] = amount;
    return `#a${i} :a${i}`;
  });
  return {
    key,
    item: {
      Update: {
        TableName: table.name,
        Key: key,
        UpdateExpression: `SET #entity = :entity, #bucket = :bucket ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  };
}

/**
 * Adds one event's counter updates once. One TransactWriteItems per 99
 * updates: the event's applied marker (a conditional Put, `marker(id)`)
 * and the updates. A marker that exists means that part was applied, so a
 * redelivery adds nothing. More than 99 updates are applied in parts, each
 * with its own marker (`<eventId>#<part>/<parts>`), cut from the updates
 * sorted by key so every delivery cuts them alike: a delivery that failed
 * after some parts adds only the rest the next time. Returns false when
 * every part had been applied before.
 */
export async function addCountersOnce(
  table: Table,
  eventId: string,
  marker: (markerId: string) => TransactItem,
  updates: readonly { key: ItemKey; item: TransactItem }[],
): Promise<boolean> {
  const sorted = [...updates].sort((a, b) => (a.key.sk < b.key.sk ? -1 : a.key.sk > b.key.sk ? 1 : 0));
  const parts = Math.ceil(sorted.length / countersPerTransaction);
  let applied = false;
  for (let part = 0; part < parts; part++) {
    const markerId = parts === 1 ? eventId : `${eventId}#${part + 1}/${parts}`;
    const items = sorted
      .slice(part * countersPerTransaction, (part + 1) * countersPerTransaction)
      .map(({ item }) => item);
    if (await applyOnce(table, marker(markerId), items)) applied = true;
  }
  return applied || parts === 0;
}

/**
 * Writes the marker and the updates in one transaction; false when the
 * marker was there. Transactions of concurrent events on the same items
 * conflict: those are retried with a growing, jittered pause, and after
 * the last retry the error goes back to the queue, which delivers again.
 */
async function applyOnce(
  table: Table,
  marker: TransactItem,
  updates: readonly TransactItem[],
): Promise<boolean> {
  try {
    await transactRetryingConflicts(table, [marker, ...updates]);
    return true;
  } catch (error) {
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    )
      return false;
    throw error;
  }
}
