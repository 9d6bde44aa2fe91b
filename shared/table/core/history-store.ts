import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry, HistoryStore, Subject } from '#domain/accounts/records';
import type { Page, PageRequest } from '#domain/ports';
import { historyEntity } from './entities';
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
            Item: historyEntity.item(entry, {
              key: { subjectPk: subjectPartition(tenantId, subject), eventId: entry.eventId },
            }),
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
      historyEntity.patterns.ofSubject.query({ subjectPk: subjectPartition(tenantId, subject) }),
      page,
    );
  }
}
