import type { ExportService } from '#domain/exports/export-service';
import type { ExportSpec } from '#domain/exports/export-spec';
import { type BoundRoute, bind } from '#http/route';
import { exportRoutes as r } from './exports-routes';

const versioned = (spec: ExportSpec) => ({ body: spec, version: spec.version });

/** Maps each data-sentence route onto the export service; the caller acts with the roles of their token. */
export function exportsApi(s: ExportService): BoundRoute[] {
  return [
    bind(r.listDataSentencePresets, async ({ caller }) => ({ body: { items: s.presets(caller) } })),
    bind(r.listDataSentenceSpecs, async ({ caller }) => ({ body: { items: await s.specs(caller) } })),
    bind(r.createDataSentenceSpec, async ({ caller, body }) => ({
      status: 201,
      ...versioned(await s.createSpec(caller, body)),
    })),
    bind(r.getDataSentenceSpec, async ({ caller, params }) => versioned(await s.spec(caller, params.specId))),
    bind(r.replaceDataSentenceSpec, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.updateSpec(caller, params.specId, ifMatch as number, body)),
    ),
    bind(r.requestDataSentenceExport, async ({ caller, body }) => ({
      status: 202,
      body: await s.request(caller, body),
    })),
    bind(r.listDataSentenceExports, async ({ caller, query: { limit, cursor } }) => ({
      body: await s.list(caller, { limit, cursor }),
    })),
    bind(r.getDataSentenceExport, async ({ caller, params }) => ({
      body: await s.get(caller, params.exportId),
    })),
    bind(r.listContractDataSentenceExports, async ({ caller, params }) => ({
      body: { items: await s.ofContract(caller, params.contractId) },
    })),
  ];
}
