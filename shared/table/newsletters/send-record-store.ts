import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PageOutcome, SendRecord } from '#domain/newsletters/send-record';
import type { RecipientPage } from '#domain/newsletters/snapshot';
import type { FeedbackCounter, SendRecordStore } from '#domain/newsletters/stores';
import { batchGetAll } from '#table/core/batch';
import { addCountersOnce, counterUpdate, markerRetentionSeconds } from '#table/core/counters-once';
import { stripLayout } from '#table/core/item-mapping';
import type { Table } from '#table/core/table';
import { appliedEventEntity } from '#table/sales/entities';
import { newsletterProgressEntity, recipientPageEntity, sendRecordEntity } from './entities';

const recordItem = (r: SendRecord) =>
  sendRecordEntity.item(r, {
    key: { tenantId: r.tenantId, newsletterId: r.newsletterId, contactId: r.contactId },
  });

/** The projection name of feedback counters' applied-event markers. */
const feedbackProjection = 'newsletter-feedback';

/** Per-recipient send records and the newsletter's counters. */
export class DynamoSendRecordStore implements SendRecordStore {
  constructor(private readonly table: Table) {}

  async claim(record: SendRecord) {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: recordItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { claimed: true as const };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Only a redelivered page gets here: one read to tell what became of the earlier send.
      const earlier = await sendRecordEntity.get(this.table, {
        tenantId: record.tenantId,
        newsletterId: record.newsletterId,
        contactId: record.contactId,
      });
      if (!earlier) throw error;
      return { claimed: false as const, earlier };
    }
  }

  async settle(record: SendRecord): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: recordItem(record),
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    );
  }

  async release(record: SendRecord): Promise<void> {
    await this.table.client
      .send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: sendRecordEntity.key({
            tenantId: record.tenantId,
            newsletterId: record.newsletterId,
            contactId: record.contactId,
          }),
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async ofRecipients(tenantId: string, newsletterId: string, contactIds: readonly string[]) {
    const items = await batchGetAll(
      this.table,
      contactIds.map((contactId) => sendRecordEntity.key({ tenantId, newsletterId, contactId })),
      { consistent: true },
    );
    return new Map(items.map((item) => [String(item.contactId), stripLayout<SendRecord>(item)]));
  }

  async finishPage(page: RecipientPage, outcome: PageOutcome): Promise<boolean> {
    const { tenantId, newsletterId } = page;
    try {
      await this.table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table.name,
                Key: recipientPageEntity.key({
                  tenantId,
                  newsletterId,
                  reviewId: page.reviewId,
                  first: page.first,
                }),
                UpdateExpression: 'SET #done = :true',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#done)',
                ExpressionAttributeNames: { '#done': 'done' },
                ExpressionAttributeValues: { ':true': true },
              },
            },
            counterUpdate(
              this.table,
              newsletterProgressEntity.key({ tenantId, newsletterId }),
              newsletterProgressEntity.stored,
              newsletterId,
              { ...outcome, pagesDone: 1 },
            ).item,
          ],
        }),
      );
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

  async countFeedback(
    tenantId: string,
    newsletterId: string,
    eventId: string,
    kind: FeedbackCounter,
  ): Promise<void> {
    await addCountersOnce(
      this.table,
      eventId,
      (markerId) => ({
        Put: {
          TableName: this.table.name,
          Item: appliedEventEntity.item(
            // The table's TTL attribute.
            { expiresAt: Math.floor(Date.now() / 1000) + markerRetentionSeconds },
            { key: { tenantId, projection: feedbackProjection, eventId: markerId } },
          ),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
      [
        counterUpdate(
          this.table,
          newsletterProgressEntity.key({ tenantId, newsletterId }),
          newsletterProgressEntity.stored,
          newsletterId,
          { [kind]: 1 },
        ),
      ],
    );
  }
}
