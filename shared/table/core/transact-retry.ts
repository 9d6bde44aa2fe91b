import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './table';
import type { TransactItem } from './transact';

const conflictRetries = 6;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TransactWriteItems that other writers' transactions on the same items
 * (a shared counter) may cancel with `TransactionConflict`: tried again
 * after a growing, jittered pause. Any other failure, a failed condition
 * among them, is the caller's to read.
 */
export async function transactRetryingConflicts(table: Table, items: readonly TransactItem[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await table.client.send(new TransactWriteCommand({ TransactItems: [...items] }));
      return;
    } catch (error) {
      const codes =
        error instanceof TransactionCanceledException
          ? (error.CancellationReasons ?? []).map((r) => r.Code)
          : [];
      const conflictOnly = codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
      if (!conflictOnly || attempt >= conflictRetries) throw error;
      await pause((10 + Math.random() * 20) * 2 ** attempt);
    }
  }
}
