import type { MoveCustomersJob } from '#domain/settings/job';
import { settingKinds } from '#domain/settings/setting';
import { uniqueEntity } from '#table/core/entities';
import { defineEntity } from '#table/core/entity';
import { computed, flag, folded, foldForSort, oneOf, orElse, padded, tenant, text } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A move-customers job's partition. */
export const jobPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#JOB#${text('jobId')}`);

/** A setting's partition. */
export const settingPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#SETTING#${text('settingId')}`,
);

/** Orders sort as text in list keys: 1 → `0001`. */
const orderWidth = 4;

/** Where a setting sorts in its kind's list: by order for ordered kinds (status types, deal stages), else by title. */
const position = computed<'position', { readonly order?: number; readonly title: string }>(
  'position',
  (at) => (at.order === undefined ? foldForSort(at.title) : String(at.order).padStart(orderWidth, '0')),
  { title: 'Ödegård' },
  { ascending: 'by order, else by title', descending: 'highest order first' },
);

export const settingEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'Setting',
  description:
    'A tenant setting of any kind, by its id (a ULID, unique across kinds); other modules keep usage counters on it with ADD. A live user group is listed under its parent (gsi1).',
  key: { pk: settingPartition, sk: key`SETTING` },
  indexes: {
    gsi1: {
      pk: key`T#${tenant}#USERGROUPS#${orElse('parentId', 'ROOT')}`,
      sk: key`${folded('title')}#${text('settingId')}`,
    },
    gsi2: {
      pk: key`T#${tenant}#SETTINGS#${oneOf('kind', settingKinds)}${flag('deleted', '#DELETED')}`,
      sk: key`${position}#${text('settingId')}`,
    },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'consistent GetItem; Update (SET/REMOVE, versioned) in the transaction of its event; ADD of usage counters (a category’s conditioned on the version a reference check read); BatchGetItem to check references (live ones kept 10 s per container) and for report titles',
    },
    ofKind: {
      index: 'gsi2',
      fixed: { deleted: false },
      operation: 'Query, read on until the page is full (filters of categories: scope, active)',
    },
    highestOrder: {
      index: 'gsi2',
      fixed: { deleted: false },
      order: 'descending',
      operation: 'Query, limit 1: the next order of an ordered kind',
    },
    subGroups: { index: 'gsi1', operation: 'Query (the top-level groups under `ROOT`)' },
  },
}));

export const settingTitleEntity = /* @__PURE__ */ defineEntity<{ readonly ownerId: string }>()(() => ({
  name: 'SettingTitle',
  storedAs: uniqueEntity.stored,
  description:
    'Guard: one live setting per folded title and kind; for user groups per title among the siblings of one parent (scope `user-group#<parentId or ROOT>`).',
  key: { pk: key`T#${tenant}#SETTING-TITLE#${text('scope')}#${folded('title')}`, sk: key`UNIQUE` },
  patterns: {
    ofTitle: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put/Delete in the setting’s transaction',
    },
  },
}));

export const settingOrderEntity = /* @__PURE__ */ defineEntity<{ readonly ownerId: string }>()(() => ({
  name: 'SettingOrder',
  storedAs: uniqueEntity.stored,
  description: 'Guard: one live setting per order value of an ordered kind (status types, deal stages).',
  key: {
    pk: key`T#${tenant}#SETTING-ORDER#${oneOf('kind', settingKinds)}#${padded('order', orderWidth)}`,
    sk: key`UNIQUE`,
  },
  patterns: {
    ofOrder: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put/Delete in the setting’s transaction; handed over in a reorder',
    },
  },
}));

/** What a lock holds besides its key. */
export interface SettingLock {
  readonly jobId: string;
  readonly lockedUntil: string;
  readonly expiresAt: number;
}

export const settingLockEntity = /* @__PURE__ */ defineEntity<SettingLock>()(() => ({
  name: 'SettingLock',
  description:
    'An industry taking part in a running move-customers job: it cannot be deleted or moved twice. A lock left by a job that died expires (TTL).',
  key: { pk: key`T#${tenant}#SETTING-LOCK#${text('settingId')}`, sk: key`LOCK` },
  patterns: {
    ofIndustry: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'conditional Put when a job starts; ConditionCheck when an industry is deleted; consistent GetItem, then conditional Delete when the job ends',
    },
  },
}));

export const jobEntity = /* @__PURE__ */ defineEntity<MoveCustomersJob>()(() => ({
  name: 'Job',
  description: 'A background job of the settings module (move customers).',
  key: { pk: jobPartition, sk: key`JOB` },
  patterns: {
    byId: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
  },
}));
