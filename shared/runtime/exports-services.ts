import { StreamedSheetFiles } from '#adapters/spreadsheets/streamed-sheet-files';
import { ExportRunner } from '#domain/exports/export-runner';
import { ExportService } from '#domain/exports/export-service';
import type { ExportsServices } from '#domain/exports/exports-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoExportSources } from '#table/exports/export-sources';
import { DynamoExportJobStore, DynamoExportSpecStore } from '#table/exports/export-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Wires the data-sentence exports to the table and the files bucket. */
export function exportsServices(
  env: Pick<Environment, 'table' | 'objects'>,
  overrides: Partial<ServiceDeps> = {},
): ExportsServices {
  const { table, objects } = env;
  const deps = serviceDeps(table, overrides);
  const jobs = new DynamoExportJobStore(table);
  return {
    exports: new ExportService({ ...deps, specs: new DynamoExportSpecStore(table), jobs, objects }),
    runner: new ExportRunner({
      ...deps,
      jobs,
      sources: new DynamoExportSources(table),
      files: new StreamedSheetFiles(objects),
      objects,
    }),
  };
}
