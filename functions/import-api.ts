import { objectStoreFromEnvironment } from '../shared/adapters/storage/s3-object-store';
import { importApi } from '../shared/api/import-api';
import { httpFunction } from '../shared/runtime/http-function';
import { importServices } from '../shared/runtime/import-services';
import { tableFromEnvironment } from '../shared/table/table';

/** Imports of accounts and contacts from CSV: announce, upload URL, mapping, dry run, run, progress. */
export const handler = httpFunction('import-api', () =>
  importApi(importServices(tableFromEnvironment(), objectStoreFromEnvironment())),
);
