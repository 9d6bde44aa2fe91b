import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './key-template';
import type { Table } from './table';

/** BatchGetItem takes 100 keys a request, BatchWriteItem 25 writes. */
const getsPerRequest = 100;
const writesPerRequest = 25;
/** Rounds of unprocessed keys before giving up: DynamoDB kept throttling. */
const maxRounds = 5;

const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, 25 * 2 ** (round + 1)));

/**
 * BatchGetItem of any number of keys (each asked once), 100 at a time,
 * retrying what DynamoDB left unprocessed (throttling) with a short
 * back-off; fails rather than answer with items silently missing.
 * `consistent` for reads a write decides on; eventual by default.
 */
export async function batchGetItems(
  table: Table,
  keys: readonly ItemKey[],
  options: { readonly consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < unique.length; start += getsPerRequest) {
    let pending: Record<string, unknown>[] = unique
      .slice(start, start + getsPerRequest)
      .map((k) => ({ ...k }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= maxRounds) throw new Error('batch read was throttled');
      if (round > 0) await pause(round);
      const result = await table.client.send(
        new BatchGetCommand({
          RequestItems: { [table.name]: { Keys: pending, ConsistentRead: options.consistent ?? false } },
        }),
      );
      found.push(...(result.Responses?.[table.name] ?? []));
      pending = result.UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
  }
  return found;
}

/** Puts these items and deletes these keys, 25 a request, unprocessed ones again after a pause. */
export async function batchWriteAll(
  table: Table,
  writes: { readonly puts?: readonly Record<string, unknown>[]; readonly deletes?: readonly ItemKey[] },
): Promise<void> {
  const requests = [
    ...(writes.puts ?? []).map((Item) => ({ PutRequest: { Item } })),
    ...(writes.deletes ?? []).map((key) => ({ DeleteRequest: { Key: { ...key } } })),
  ];
  for (let start = 0; start < requests.length; start += writesPerRequest) {
    let pending = requests.slice(start, start + writesPerRequest);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= maxRounds) throw new Error('a batch write stayed unprocessed: DynamoDB kept throttling');
      if (round > 0) await pause(round);
      const result = await table.client.send(
        new BatchWriteCommand({ RequestItems: { [table.name]: pending } }),
      );
      pending = (result.UnprocessedItems?.[table.name] ?? []) as typeof pending;
    }
  }
}
