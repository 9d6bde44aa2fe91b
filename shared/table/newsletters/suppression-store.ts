import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SuppressionStore } from '#domain/newsletters/stores';
import type { Suppression } from '#domain/newsletters/suppression';
import type { Page, PageRequest } from '#domain/ports';
import { batchGetItems } from '#table/core/batch';
import { queryAll } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { suppressionEntity } from './entities';

/** The tenant's suppression list: one partition, an item per address. */
export class DynamoSuppressionStore implements SuppressionStore {
  constructor(private readonly table: Table) {}

  async among(tenantId: string, emails: readonly string[]): Promise<Set<string>> {
    const keys = [...new Set(emails)].map((email) => suppressionEntity.key({ tenantId, email }));
    const items = await batchGetItems(this.table, keys);
    return new Set(items.map((i) => String(i.email)));
  }

  async all(tenantId: string): Promise<Set<string>> {
    const items = await queryAll(this.table, suppressionEntity.patterns.all.query({ tenantId }), {
      ProjectionExpression: 'email',
    });
    return new Set(items.map((i) => String(i.email)));
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Suppression>> {
    return queryPage<Suppression>(this.table, suppressionEntity.patterns.all.query({ tenantId }), page);
  }

  async add(suppression: Suppression): Promise<boolean> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: suppressionEntity.item(suppression, {
            key: { tenantId: suppression.tenantId, email: suppression.email },
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async remove(tenantId: string, email: string): Promise<boolean> {
    const { Attributes } = await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.name,
        Key: suppressionEntity.key({ tenantId, email }),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes !== undefined;
  }
}
