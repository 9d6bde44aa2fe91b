import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './key-template';
import type { Table } from './table';

/** BatchGetItem takes 100 keys a request, BatchWriteItem 25 writes. */
const getsPerRequest = 100;
const writesPerRequest = 25;
/** Rounds of unprocessed keys before giving up: DynamoDB kept throttling. */
const maxRounds = 8;

const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));

/**
 * The items of these keys that exist, read 100 a request; keys DynamoDB
 * leaves unprocessed (throttling) are asked again after a growing pause.
 */
export async function batchGetAll(
  table: Table,
  keys: readonly ItemKey[],
  options: { readonly consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += getsPerRequest) {
    let pending: Record<string, unknown>[] = keys.slice(start, start + getsPerRequest).map((k) => ({ ...k }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= maxRounds) throw new Error('a batch read stayed unprocessed: DynamoDB kept throttling');
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
