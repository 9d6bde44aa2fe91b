import type { Page, PageRequest } from '#domain/ports';
import type { Setting } from '#domain/settings/setting';
import type { SettingKind } from '#domain/settings/settings-lookup';
import type { SettingFilter } from '#domain/settings/stores';
import { getItem } from '#table/core/get-item';
import { queryPage } from '#table/core/query-page';
import { settingEntity } from './entities';
import { fromItem } from './setting-items';
import { DynamoSettingReferences } from './setting-references';

/**
 * A setting and the lists of settings, read from the table. A class of its
 * own under the settings store's writes, so that a module that only reads
 * settings (deal stages for deals, contracts and the lead pipeline) carries
 * none of them.
 */
export class DynamoSettingReads extends DynamoSettingReferences {
  async get(tenantId: string, settingId: string): Promise<Setting | undefined> {
    const item = await this.rawItem(tenantId, settingId);
    return item ? fromItem(item) : undefined;
  }

  protected rawItem(tenantId: string, settingId: string) {
    return getItem(this.table, settingEntity.key({ tenantId, settingId }));
  }

  list(
    tenantId: string,
    kind: SettingKind,
    filter: SettingFilter,
    page: PageRequest,
  ): Promise<Page<Setting>> {
    const { subGroups, ofKind } = settingEntity.patterns;
    const listed =
      kind === 'user-group' && filter.parentId !== undefined
        ? subGroups.query({ tenantId, parentId: filter.parentId ?? undefined })
        : ofKind.query({ tenantId, kind });
    const category = kind === 'category';
    return queryPage(
      this.table,
      {
        ...listed,
        equals: {
          // A category for accounts (or contacts) is one of that scope or of both.
          scope: category && filter.appliesTo ? [filter.appliesTo, 'both'] : undefined,
          active: category ? filter.active : undefined,
        },
      },
      page,
      fromItem,
    );
  }
}
