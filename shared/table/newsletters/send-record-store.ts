import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SendRecord } from '#domain/newsletters/send-record';
import type { RecipientPage } from '#domain/newsletters/snapshot';
import type { FeedbackCounter, SendRecordStore } from '#domain/newsletters/stores';
import { batchGetItems } from '#table/core/batch';
import { addCountersOnce, counterUpdate, markerRetentionSeconds } from '#table/core/counters-once';
import { stripLayout } from '#table/core/item-mapping';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { transactRetryingConflicts } from '#table/core/transact-retry';
import { appliedEventEntity } from '#table/sales/entities';
import { newsletterProgressEntity, recipientPageEntity, sendRecordEntity } from './entities';

const recordItem = (r: SendRecord) =>
  sendRecordEntity.item(r, {
    key: { tenantId: r.tenantId, newsletterId: r.newsletterId, contactId: r.contactId },
  });

/** The projection name of feedback counters' applied-event markers. */
const feedbackProjection = 'newsletter-feedback';

const onlyWhileSending = {
  ConditionExpression: '#state = :sending',
  ExpressionAttributeNames: { '#state': 'state' },
  ExpressionAttributeValues: { ':sending': 'sending' },
};

/** The first item's condition failed: what a transaction says when the claim or settle was made before. */
const firstConditionFailed = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';

/**
 * Per-recipient send records and the newsletter's progress. Each record's
 * end (sent, failed, skipped) is written with its count in one
 * transaction, conditional on the state before, so the progress moves once
 * per recipient, while the newsletter sends.
 */
export class DynamoSendRecordStore implements SendRecordStore {
  constructor(private readonly table: Table) {}

  private progressAdd(
    r: Pick<SendRecord, 'tenantId' | 'newsletterId'>,
    amounts: Record<string, number>,
  ): TransactItem {
    return counterUpdate(
      this.table,
      newsletterProgressEntity.key({ tenantId: r.tenantId, newsletterId: r.newsletterId }),
      newsletterProgressEntity.stored,
      r.newsletterId,
      amounts,
    ).item;
  }

  async claim(record: SendRecord): Promise<{ readonly claimed: boolean }> {
    const put = {
      TableName: this.table.name,
      Item: recordItem(record),
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    try {
      // A transaction's request token makes the SDK's own retries of it safe.
      if (record.state === 'skipped')
        await transactRetryingConflicts(this.table, [{ Put: put }, this.progressAdd(record, { skipped: 1 })]);
      else await this.table.client.send(new PutCommand(put));
      return { claimed: true };
    } catch (error) {
      if (firstConditionFailed(error)) return { claimed: false };
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The SDK may have retried a Put whose answer was lost: the record it finds may be this claim's own.
      const found = await sendRecordEntity.get(this.table, {
        tenantId: record.tenantId,
        newsletterId: record.newsletterId,
        contactId: record.contactId,
      });
      return { claimed: found?.claim !== undefined && found.claim === record.claim };
    }
  }

  async settle(record: SendRecord): Promise<void> {
    const counter = record.state === 'sent' ? 'sent' : 'failed';
    try {
      await transactRetryingConflicts(this.table, [
        { Put: { TableName: this.table.name, Item: recordItem(record), ...onlyWhileSending } },
        this.progressAdd(record, { [counter]: 1 }),
      ]);
    } catch (error) {
      // Settled by another delivery (an abandoned send counted once): nothing more to count.
      if (!firstConditionFailed(error)) throw error;
    }
  }

  async release(record: SendRecord): Promise<void> {
    try {
      await this.table.client.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: sendRecordEntity.key({
            tenantId: record.tenantId,
            newsletterId: record.newsletterId,
            contactId: record.contactId,
          }),
          ...onlyWhileSending,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async ofRecipients(tenantId: string, newsletterId: string, contactIds: readonly string[]) {
    const items = await batchGetItems(
      this.table,
      contactIds.map((contactId) => sendRecordEntity.key({ tenantId, newsletterId, contactId })),
      { consistent: true },
    );
    return new Map(items.map((item) => [String(item.contactId), stripLayout<SendRecord>(item)]));
  }

  async finishPage(page: RecipientPage): Promise<boolean> {
    const { tenantId, newsletterId } = page;
    try {
      await transactRetryingConflicts(this.table, [
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
        this.progressAdd(page, { pagesDone: 1 }),
      ]);
      return true;
    } catch (error) {
      if (firstConditionFailed(error)) return false;
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
