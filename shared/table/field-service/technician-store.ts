import type { DomainEvent } from '#domain/events';
import type { TechnicianStore } from '#domain/field-service/field-service-store';
import type { TechnicianProfile } from '#domain/field-service/technician';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { queryAll } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { technicianEntity } from './entities';

export class DynamoTechnicianStore implements TechnicianStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, userId: string): Promise<TechnicianProfile | undefined> {
    return technicianEntity.get(this.table, { tenantId, userId });
  }

  async all(tenantId: string): Promise<TechnicianProfile[]> {
    const items = await queryAll(this.table, technicianEntity.patterns.all.query({ tenantId }));
    return items.map((i) => stripLayout<TechnicianProfile>(i));
  }

  async put(
    previous: TechnicianProfile | undefined,
    next: TechnicianProfile,
    event: DomainEvent,
  ): Promise<void> {
    await commitChange(this.table, {
      resource: 'technician',
      id: next.id,
      item: technicianEntity.item(next, { key: { tenantId: next.tenantId, userId: next.id } }),
      ...(previous ? { expectedVersion: previous.version } : {}),
      event,
    });
  }
}
