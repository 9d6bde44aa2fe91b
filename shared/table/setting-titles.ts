import type { SettingTitles } from '../domain/sales/sales-aggregates';
import { batchGetItems } from './category-members';
import { settingKeys } from './settings-keys';
import type { Table } from './table';

/** Titles of settings by id: one BatchGetItem per 100 ids. */
export class DynamoSettingTitles implements SettingTitles {
  constructor(private readonly table: Table) {}

  async titles(tenantId: string, settingIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const items = await batchGetItems(
      this.table,
      settingIds.map((id) => settingKeys.setting(tenantId, id)),
    );
    return new Map(items.map((item) => [item.id as string, item.title as string]));
  }
}
