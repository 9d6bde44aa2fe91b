import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { VersionMismatchError } from '#domain/errors';
import { defaultNewsletterSettings, type NewsletterSettings } from '#domain/newsletters/newsletter-settings';
import type { Table } from '#table/core/table';
import { newsletterSettingsEntity } from './entities';

/** A tenant's newsletter settings: one item, written only over the version read. */
export class DynamoNewsletterSettingsStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string): Promise<NewsletterSettings> {
    return (
      (await newsletterSettingsEntity.get(this.table, { tenantId })) ?? defaultNewsletterSettings(tenantId)
    );
  }

  async put(previous: NewsletterSettings, next: NewsletterSettings): Promise<void> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: newsletterSettingsEntity.item(next, { key: { tenantId: next.tenantId } }),
          ConditionExpression: previous.version === 0 ? 'attribute_not_exists(pk)' : '#version = :version',
          ...(previous.version === 0
            ? {}
            : {
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': previous.version },
              }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new VersionMismatchError('newsletter settings', next.tenantId);
      throw error;
    }
  }
}
