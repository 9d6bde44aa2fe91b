import type { ImportJob } from '#domain/import/import-job';
import { defineEntity } from '#table/core/entity';
import { tenant, text } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** An import's partition. */
export const importPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#IMPORT#${text('importId')}`);

export const importEntity = /* @__PURE__ */ defineEntity<ImportJob>()(() => ({
  name: 'Import',
  description: 'A CSV import: its mapping, state and progress.',
  key: { pk: importPartition, sk: key`IMPORT` },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; versioned Put on each state change and progress save',
    },
  },
}));
