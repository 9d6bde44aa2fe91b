import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PageRequest } from '#domain/ports';
import type { RejectedMail, RejectedMailStore } from '#domain/service/channel-routes';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { rejectedMailEntity } from './entities';

export class DynamoRejectedMailStore implements RejectedMailStore {
  constructor(private readonly table: Table) {}

  async add(rejected: RejectedMail): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: rejectedMailEntity.item(rejected, {
          key: { tenantOrDash: rejected.tenantId ?? '-', rejectedId: rejected.id },
        }),
      }),
    );
  }

  async list(tenantId: string | undefined, page: PageRequest) {
    const result = await queryPage<RejectedMail>(
      this.table,
      rejectedMailEntity.patterns.ofTenant.query({ tenantOrDash: tenantId ?? '-' }),
      page,
    );
    return { items: [...result.items], ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
  }
}
