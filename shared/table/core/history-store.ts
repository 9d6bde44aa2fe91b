import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry, HistoryStore, Subject } from '#domain/accounts/records';
import type { Page, PageRequest } from '#domain/ports';
import { keys } from './keys';
import { queryPage } from './query-page';
import { subjectPartition } from './subject-keys';
import type { Table } from './table';

export class DynamoHistoryStore implements HistoryStore {
  constructor(private readonly table: Table) {}

  async record(tenantId: string, entry: HistoryEntry, subjects: readonly Subject[]): Promise<void> {
    for (const subject of subjects) {
      try {
        await this.table.client.send(
          new PutCommand({
            TableName: this.table.name,
            Item: {
              ...keys.history(subjectPartition(tenantId, subject), entry.eventId),
              entity: 'History',
              ...entry,
            },
            // The event id is the key: a redelivered event finds its entry and stops.
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  list(tenantId: string, subject: Subject, page: PageRequest): Promise<Page<HistoryEntry>> {
    return queryPage<HistoryEntry>(
      this.table,
      {
        partition: subjectPartition(tenantId, subject),
        sortKeyPrefix: keys.historyPrefix,
        newestFirst: true,
      },
      page,
    );
  }
}
