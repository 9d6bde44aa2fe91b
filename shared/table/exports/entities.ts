import type { ContractExport, ExportJob } from '#domain/exports/export-job';
import type { ExportSpec } from '#domain/exports/export-spec';
import { defineEntity } from '#table/core/entity';
import { tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** An export's partition. */
export const exportPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#EXPORT#${text('exportId')}`);

export const exportSpecEntity = /* @__PURE__ */ defineEntity<ExportSpec>()(() => ({
  name: 'ExportSpec',
  description:
    'A data-sentence specification of the tenant for one operator (a handful per tenant, read whole).',
  key: { pk: key`T#${tenant}#EXPORT-SPECS`, sk: key`${ulid('specId')}` },
  patterns: {
    all: { index: 'table', operation: 'Query of the partition' },
    byId: { index: 'table', sortKey: 'equals', operation: 'GetItem; versioned Put' },
  },
}));

export const exportJobEntity = /* @__PURE__ */ defineEntity<ExportJob>()(() => ({
  name: 'ExportJob',
  description:
    'A data-sentence export with its spec copy, selection, progress, counts and files; in the tenant’s list (gsi2).',
  key: { pk: exportPartition, sk: key`EXPORT` },
  indexes: { gsi2: { pk: key`T#${tenant}#EXPORTS`, sk: key`${ulid('exportId')}` } },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; versioned Put; progress Update',
    },
    all: { index: 'gsi2', order: 'descending', operation: 'Query, newest first' },
  },
}));

export const contractExportEntity = /* @__PURE__ */ defineEntity<ContractExport>()(() => ({
  name: 'ContractExport',
  description:
    'A contract sent to an operator in a data-sentence export, in the contract’s partition: what “not yet exported” leaves out.',
  key: {
    pk: key`T#${tenant}#CONTRACT#${text('contractId')}`,
    sk: key`EXPORTED#${text('distributor')}`,
  },
  patterns: {
    ofContract: { index: 'table', sortKey: 'beginsWith', operation: 'Query of the contract’s partition' },
    byDistributor: {
      index: 'table',
      sortKey: 'equals',
      operation: 'BatchGetItem per export; Put if absent when the export completes',
    },
  },
}));
