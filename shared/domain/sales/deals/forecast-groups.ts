import type { SalesSettingsReader } from '#domain/sales/sales-ports';
import type { Setting, UserGroup } from '#domain/settings/setting';

const pageSize = 100;

/**
 * The user groups a user is a member of and every group above them: the
 * groups whose forecast counts the user's deals (R-SA-5, "including
 * sub-groups"). Reads the tenant's groups page by page; a tenant has tens
 * of groups, not thousands.
 */
export async function forecastGroupsOf(
  settings: SalesSettingsReader,
  tenantId: string,
  userId: string,
): Promise<string[]> {
  const groups = new Map<string, UserGroup>();
  let cursor: string | undefined;
  do {
    const page = await settings.list(tenantId, 'user-group', {}, { limit: pageSize, cursor });
    for (const setting of page.items) if (isGroup(setting)) groups.set(setting.id, setting);
    cursor = page.nextCursor;
  } while (cursor);

  const found = new Set<string>();
  for (const group of groups.values()) {
    if (!group.members.includes(userId)) continue;
    // The tree is at most a few levels deep and free of cycles; `found` stops a walk anyway.
    for (let at: UserGroup | undefined = group; at && !found.has(at.id); ) {
      found.add(at.id);
      at = at.parentId ? groups.get(at.parentId) : undefined;
    }
  }
  return [...found].sort();
}

const isGroup = (setting: Setting): setting is UserGroup => setting.kind === 'user-group';
