import { StreamedSheetFiles } from '#adapters/spreadsheets/streamed-sheet-files';
import { ExportRunner } from '#domain/exports/export-runner';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoExportSources } from '#table/exports/export-sources';
import { DynamoExportJobStore } from '#table/exports/export-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Wires the export worker: the requested exports' rows streamed into spreadsheets in the files bucket. */
export function exportRunner(
  env: Pick<Environment, 'table' | 'objects'>,
  overrides: Partial<ServiceDeps> = {},
): ExportRunner {
  const { table, objects } = env;
  return new ExportRunner({
    ...serviceDeps(table, overrides),
    jobs: new DynamoExportJobStore(table),
    sources: new DynamoExportSources(table),
    files: new StreamedSheetFiles(objects),
    objects,
  });
}
