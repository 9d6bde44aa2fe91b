import { objectStoreFromEnvironment } from '#adapters/storage/s3-object-store';
import { importApi } from '#api/import/import-bindings';
import { httpFunction } from '#runtime/http-function';
import { importServices } from '#runtime/import-services';
import { tableFromEnvironment } from '#table/core/table';

/** Imports of accounts and contacts from CSV: announce, upload URL, mapping, dry run, run, progress. */
export const handler = httpFunction('import-api', () =>
  importApi(importServices(tableFromEnvironment(), objectStoreFromEnvironment())),
);
