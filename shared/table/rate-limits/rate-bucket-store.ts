import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RateBucketStore, StoredBucket } from '#domain/rate-limits/tenant-rate-limiter';
import type { BucketState } from '#domain/rate-limits/token-bucket';
import { getItem } from '#table/core/get-item';
import type { Table } from '#table/core/table';
import { rateBucketEntity } from './entities';

/** An idle tenant's bucket is full again long before this; TTL then removes the item. */
const idleRetentionSeconds = 24 * 3600;

/** The tenants' rate buckets in the single table, one item per tenant. */
export class DynamoRateBucketStore implements RateBucketStore {
  constructor(private readonly table: Table) {}

  async read(tenantId: string, fresh: boolean): Promise<StoredBucket | undefined> {
    const item = await getItem(this.table, rateBucketEntity.key({ tenantId }), {
      read: fresh ? 'consistent' : 'eventual',
      attributes: ['milliTokens', 'countedAt', 'version'],
    });
    if (!item) return undefined;
    return {
      state: { milliTokens: Number(item.milliTokens), countedAt: Number(item.countedAt) },
      version: Number(item.version),
    };
  }

  async write(tenantId: string, next: BucketState, expectedVersion: number | undefined): Promise<boolean> {
    const item = rateBucketEntity.item(
      { ...next, version: (expectedVersion ?? 0) + 1 },
      { key: { tenantId } },
    );
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...item, expiresAt: Math.floor(next.countedAt / 1000) + idleRetentionSeconds },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':version': expectedVersion },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
