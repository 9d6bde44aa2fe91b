import type { SettingKind } from '#domain/settings/settings-lookup';
import type { ItemKey } from '#table/core/keys';

/**
 * Keys of the settings module (tenant settings, user groups, move-customers
 * jobs). Every partition key starts with the tenant, taken from the verified
 * token; the access-pattern table in docs/architecture.md lists how each is read.
 */
const t = (tenantId: string) => `T#${tenantId}`;

/** Orders sort as text in list keys: 1 → `0001`. */
export const padOrder = (order: number) => String(order).padStart(4, '0');

export const settingKeys = {
  /** Every setting, whatever its kind, by its id (a ULID, unique across kinds). */
  setting: (tenantId: string, settingId: string): ItemKey => ({
    pk: `${t(tenantId)}#SETTING#${settingId}`,
    sk: 'SETTING',
  }),

  /** gsi2: the settings of one kind, by title (or by order for ordered kinds); deleted ones apart. */
  list: (tenantId: string, kind: SettingKind, deleted = false) =>
    `${t(tenantId)}#SETTINGS#${kind}${deleted ? '#DELETED' : ''}`,

  /** gsi1: the direct sub-groups of a user group (`undefined`: the top-level groups). */
  groupChildren: (tenantId: string, parentId: string | undefined) =>
    `${t(tenantId)}#USERGROUPS#${parentId ?? 'ROOT'}`,

  /**
   * Guard: one live setting per folded title and kind; for user groups per
   * title among the siblings of one parent.
   */
  title: (tenantId: string, scope: string, foldedTitle: string): ItemKey => ({
    pk: `${t(tenantId)}#SETTING-TITLE#${scope}#${foldedTitle}`,
    sk: 'UNIQUE',
  }),

  /** Guard: one live setting per order value of an ordered kind (status types, deal stages). */
  order: (tenantId: string, kind: SettingKind, order: number): ItemKey => ({
    pk: `${t(tenantId)}#SETTING-ORDER#${kind}#${padOrder(order)}`,
    sk: 'UNIQUE',
  }),

  /** An industry taking part in a running move-customers job: it cannot be deleted or moved twice. */
  lock: (tenantId: string, settingId: string): ItemKey => ({
    pk: `${t(tenantId)}#SETTING-LOCK#${settingId}`,
    sk: 'LOCK',
  }),

  /** A background job of the settings module (move customers). */
  job: (tenantId: string, jobId: string): ItemKey => ({
    pk: `${t(tenantId)}#JOB#${jobId}`,
    sk: 'JOB',
  }),
} as const;
