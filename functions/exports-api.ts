import { exportsApi } from '#api/exports/exports-bindings';
import { environmentObjects } from '#runtime/environment/objects';
import { environmentTable } from '#runtime/environment/table';
import { exportService } from '#runtime/exports-services';
import { httpFunction } from '#runtime/http-function';

/** Data-sentence specifications and exports: asked for here, built by the export worker. */
export const handler = httpFunction('exports-api', () =>
  exportsApi(exportService({ table: environmentTable(), objects: environmentObjects() })),
);
