import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What one call made DynamoDB do: requests by operation and the capacity units they consumed. */
export interface Capacity {
  readonly requests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

interface ConsumedCapacity {
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
  readonly CapacityUnits?: number;
}

export const emptyCapacity = (): Capacity => ({ requests: {}, readUnits: 0, writeUnits: 0 });

export const requestCount = (capacity: Capacity): number =>
  Object.values(capacity.requests).reduce((sum, n) => sum + n, 0);

const metered = new AsyncLocalStorage<Capacity>();

/** Runs `work` so that every request the metered client makes inside it adds to `capacity`. */
export const withCapacity = <T>(capacity: Capacity, work: () => Promise<T>): Promise<T> =>
  metered.run(capacity, work);

/**
 * Asks DynamoDB for `ReturnConsumedCapacity: TOTAL` on every command of the
 * client and adds each answer's figures to the capacity of the call it runs
 * in (see `withCapacity`); requests made outside one, as the consumers make
 * them, are left as they are. Batch and transaction answers carry one
 * figure per table.
 */
export function meterCapacity(client: DynamoDBClient | DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const capacity = metered.getStore();
      if (!capacity) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      capacity.requests[operation] = (capacity.requests[operation] ?? 0) + 1;
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
        .ConsumedCapacity;
      for (const figure of [consumed ?? []].flat()) {
        // Reads report ReadCapacityUnits only when asked for INDEXES; TOTAL gives CapacityUnits.
        const read = figure.ReadCapacityUnits ?? 0;
        const write = figure.WriteCapacityUnits ?? 0;
        const total = figure.CapacityUnits ?? read + write;
        if (read || write) {
          capacity.readUnits += read;
          capacity.writeUnits += write;
        } else if (writeOperations.has(operation)) capacity.writeUnits += total;
        else capacity.readUnits += total;
      }
      return result;
    },
    { step: 'initialize', name: 'meterCapacity', priority: 'high' },
  );
}

/** The operations whose `CapacityUnits` are write units (the document client's commands go by these names too). */
const writeOperations = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);
