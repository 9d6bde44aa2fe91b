import type { SettingTitles } from '#domain/sales/reports/sales-aggregates';
import { batchGetItems } from '#table/core/batch';
import type { Table } from '#table/core/table';
import { settingEntity } from './entities';

/** Titles of settings by id: one BatchGetItem per 100 ids. */
export class DynamoSettingTitles implements SettingTitles {
  constructor(private readonly table: Table) {}

  async titles(tenantId: string, settingIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const items = await batchGetItems(
      this.table,
      settingIds.map((settingId) => settingEntity.key({ tenantId, settingId })),
    );
    return new Map(items.map((item) => [item.id as string, item.title as string]));
  }
}
