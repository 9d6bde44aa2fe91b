import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { LeadSource } from '#domain/sales/leads/lead-source';
import type { LeadSourceStore } from '#domain/sales/leads/lead-source-service';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { getItem } from '#table/core/get-item';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew } from '#table/core/transact';
import { leadSourceEntity, webhookRouteEntity } from './entities';

function toItem(s: LeadSource): Record<string, unknown> {
  const at = { tenantId: s.tenantId, sourceId: s.id };
  return leadSourceEntity.item(s, { key: at, gsi2: { ...at, name: s.name } });
}

export class DynamoLeadSourceStore implements LeadSourceStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, sourceId: string): Promise<LeadSource | undefined> {
    return leadSourceEntity.get(this.table, { tenantId, sourceId });
  }

  create(source: LeadSource, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, {
      resource: 'lead source',
      id: source.id,
      item: toItem(source),
      extra: [
        putNew(
          this.table,
          webhookRouteEntity.item({ tenantId: source.tenantId }, { key: { sourceId: source.id } }),
        ),
      ],
      event,
      idempotency,
      response: source,
    });
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
    return queryPage<LeadSource>(this.table, leadSourceEntity.patterns.byName.query({ tenantId }), page);
  }

  async route(sourceId: string): Promise<string | undefined> {
    const route = await getItem(this.table, webhookRouteEntity.key({ sourceId }), { read: 'eventual' });
    return typeof route?.tenantId === 'string' ? route.tenantId : undefined;
  }
}
