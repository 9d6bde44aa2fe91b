import { apiDraftChecks } from '#api/import/import-draft-checks';
import { ImportRunner, type RunnerLimits } from '#domain/import/import-runner';
import { ImportService } from '#domain/import/import-service';
import type { ImportServices } from '#domain/import/import-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoExistingDataReader, DynamoImportStore } from '#table/import/import-store';
import { accountPorts } from './account-ports';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

export interface ImportOverrides extends Partial<ServiceDeps> {
  readonly limits?: Partial<RunnerLimits>;
}

/** Wires the import module's services to the table and the object store. */
export function importServices(
  env: Pick<Environment, 'table' | 'objects'>,
  overrides: ImportOverrides = {},
): ImportServices {
  const { table, objects } = env;
  const { limits } = overrides;
  const deps = serviceDeps(table, overrides);
  // Imported rows name no settings today; the counters are wired anyway, as for every account writer.
  const { settingUsage, settingsChanged } = accountPorts(table);
  const imports = new DynamoImportStore(table);
  return {
    imports: new ImportService({ ...deps, imports, objects }),
    runner: new ImportRunner({
      ...deps,
      imports,
      objects,
      accounts: new DynamoAccountStore(table, { settingUsage, settingsChanged }),
      contacts: new DynamoContactStore(table, { settingUsage, settingsChanged }),
      existing: new DynamoExistingDataReader(table),
      checks: apiDraftChecks,
      limits,
    }),
  };
}
