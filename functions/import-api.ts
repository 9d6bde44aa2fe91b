import { importApi } from '#api/import/import-bindings';
import { environmentObjects } from '#runtime/environment/objects';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';
import { importServices } from '#runtime/import-services';

/** Imports of accounts and contacts from CSV: announce, upload URL, mapping, dry run, run, progress. */
export const handler = httpFunction('import-api', () =>
  importApi(importServices({ table: environmentTable(), objects: environmentObjects() })),
);
