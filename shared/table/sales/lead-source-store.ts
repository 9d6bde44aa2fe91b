import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { LeadSource } from '#domain/sales/leads/lead-source';
import type { LeadSourceStore } from '#domain/sales/leads/lead-source-service';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { foldForSort } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew } from '#table/core/transact';
import { salesKeys } from './sales-keys';

function toItem(s: LeadSource): Record<string, unknown> {
  return {
    ...salesKeys.leadSource(s.tenantId, s.id),
    entity: 'LeadSource',
    gsi2pk: salesKeys.leadSourceList(s.tenantId),
    gsi2sk: `${foldForSort(s.name)}#${s.id}`,
    ...s,
  };
}

export class DynamoLeadSourceStore implements LeadSourceStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, sourceId: string): Promise<LeadSource | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: salesKeys.leadSource(tenantId, sourceId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<LeadSource>(Item) : undefined;
  }

  async create(source: LeadSource, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await commitChange(this.table, {
      resource: 'lead source',
      id: source.id,
      item: toItem(source),
      extra: [
        putNew(this.table, {
          ...salesKeys.webhookRoute(source.id),
          entity: 'WebhookRoute',
          tenantId: source.tenantId,
        }),
      ],
      event,
      idempotency,
      response: source,
    });
    return replayed ? { value: replayed as LeadSource, replayed: true } : { value: source, replayed: false };
  }

  async update(previous: LeadSource, next: LeadSource, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'lead source',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous.version,
      event,
    });
  }

  list(tenantId: string, page: PageRequest): Promise<Page<LeadSource>> {
    return queryPage<LeadSource>(
      this.table,
      { index: 'gsi2', partition: salesKeys.leadSourceList(tenantId) },
      page,
    );
  }

  async route(sourceId: string): Promise<string | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.name, Key: salesKeys.webhookRoute(sourceId) }),
    );
    return typeof Item?.tenantId === 'string' ? Item.tenantId : undefined;
  }
}
