import { idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import type { ImportServices } from '#domain/import/import-services';
import { type BoundRoute, bind } from '#http/route';
import { importRoutes as r } from './import-routes';

/** Maps each import route onto its domain service call. */
export function importApi({ imports }: Pick<ImportServices, 'imports'>): BoundRoute[] {
  return [
    bind(r.createImport, async ({ caller, body, idempotency }) => {
      const created = await imports.create(
        caller,
        body,
        idempotencyToken(r.createImport.operationId, idempotency),
      );
      return {
        body: { import: created.import, upload: created.upload },
        version: created.import.version,
        headers: replayHeaders(created.replayed),
      };
    }),
    bind(r.getImport, async ({ caller, params }) => {
      const view = await imports.get(caller, params.importId);
      return { body: view, version: view.version };
    }),
    bind(r.setImportMapping, async ({ caller, params, body, ifMatch }) => {
      const view = await imports.setMapping(caller, params.importId, ifMatch as number, body);
      return { body: view, version: view.version };
    }),
    bind(r.dryRunImport, async ({ caller, params, ifMatch }) => {
      const view = await imports.request(caller, params.importId, 'dry-run', ifMatch);
      return { body: view, version: view.version };
    }),
    bind(r.runImport, async ({ caller, params, ifMatch }) => {
      const view = await imports.request(caller, params.importId, 'run', ifMatch);
      return { body: view, version: view.version };
    }),
  ];
}
