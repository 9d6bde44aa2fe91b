import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '#table/core/table';

/** Puts up to 25 items with one BatchWriteItem, sending what DynamoDB left unprocessed again after a back-off. */
export async function batchWrite(table: Table, items: Record<string, unknown>[]): Promise<void> {
  let pending: Record<string, unknown>[] = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 8) throw new Error('the fill was throttled');
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const { UnprocessedItems } = await table.client.send(
      new BatchWriteCommand({ RequestItems: { [table.name]: pending as never } }),
    );
    pending = (UnprocessedItems?.[table.name] ?? []) as Record<string, unknown>[];
  }
}

/** Puts every item, 25 a request, with `concurrency` requests in flight: a bench's fill of its table. */
export async function fillTable(
  table: Table,
  items: Record<string, unknown>[],
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + 25);
      next += batch.length;
      await batchWrite(table, batch);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
