import { ContractDocumentService } from '#domain/contracts/contract-document-service';
import { ContractFiles } from '#domain/contracts/contract-files';
import { ContractIntake } from '#domain/contracts/contract-intake';
import { ContractPrintBatches } from '#domain/contracts/contract-print-batches';
import { ContractRenewals } from '#domain/contracts/contract-renewals';
import { ContractService } from '#domain/contracts/contract-service';
import { ContractSettingsService } from '#domain/contracts/contract-settings-service';
import { ContractSigning } from '#domain/contracts/contract-signing';
import { ContractSwitches } from '#domain/contracts/contract-switches';
import type { ContractsServices } from '#domain/contracts/contracts-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoContractSettingsStore } from '#table/contracts/contract-settings-store';
import { DynamoContractSources } from '#table/contracts/contract-sources';
import { DynamoContractStore } from '#table/contracts/contract-store';
import { DynamoPrintBatchStore } from '#table/contracts/print-batch-store';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import type { AccountsOverrides } from './accounts-services';
import { activitiesServices } from './activities-services';
import type { Environment } from './environment';
import { journeyServices } from './journey-services';
import { salesServices } from './sales-services';
import { serviceDeps } from './service-deps';

export type ContractsEnvironment = Pick<
  Environment,
  'table' | 'objects' | 'eSignature' | 'renderer' | 'signingCallbackUrl'
>;

/**
 * Wires the contracts module: its stores, the files bucket, the renderer
 * and the e-signature provider; a contract made by hand is priced by the
 * sales module's offers, and deals are read through the deal service's
 * rules of who sees what.
 */
export function contractsServices(
  env: ContractsEnvironment,
  overrides: AccountsOverrides = {},
): ContractsServices {
  const { table } = env;
  const deps: ServiceDeps = serviceDeps(table, overrides);
  const contracts = new DynamoContractStore(table);
  const settings = new ContractSettingsService({ ...deps, store: new DynamoContractSettingsStore(table) });
  const files = new ContractFiles(env.objects, env.renderer);
  const sources = new DynamoContractSources(table);
  const service = new ContractService({ ...deps, contracts, settings, files, sources });
  const sales = salesServices({ table }, overrides);
  const callbackBase = new URL(env.signingCallbackUrl);
  return {
    contracts: service,
    settings,
    printBatches: new ContractPrintBatches({
      ...deps,
      contracts,
      batches: new DynamoPrintBatchStore(table),
      objects: env.objects,
      renderer: env.renderer,
    }),
    switches: new ContractSwitches({
      ...deps,
      settings,
      journeys: journeyServices({ table }, deps).journeys,
    }),
    intake: new ContractIntake({
      ...deps,
      contracts,
      sources,
      settings,
      deals: sales.deals,
      pricing: sales.offers,
    }),
    signing: new ContractSigning({
      ...deps,
      contracts,
      settings,
      documents: new ContractDocumentService({ ...deps, settings, files }),
      files,
      signing: env.eSignature,
      callbackUrl: (token) => {
        const url = new URL(callbackBase);
        url.searchParams.set('token', token);
        return url.toString();
      },
      users: service,
    }),
  };
}

/**
 * Renewals and ends of fixed-term contracts: the daily job's part that makes
 * deals and the owner's task (an activity, so it needs the scheduler).
 */
export function contractRenewals(
  env: Pick<Environment, 'table' | 'scheduler'>,
  overrides: AccountsOverrides = {},
): ContractRenewals {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  return new ContractRenewals({
    ...deps,
    contracts: new DynamoContractStore(table),
    deals: salesServices({ table }, overrides).deals,
    activities: activitiesServices(env, { ...deps, users: overrides.users }).activities,
    settings: new DynamoSettingsStore(table),
  });
}

/**
 * What follows from sales and contract events, and needs only the table:
 * drafts from accepted offers and the supplier switches of signed
 * contracts (the `contract-followups` function has no bucket or Signi).
 */
export function contractFollowups(env: Pick<Environment, 'table'>, overrides: AccountsOverrides = {}) {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const contracts = new DynamoContractStore(table);
  const settings = new ContractSettingsService({ ...deps, store: new DynamoContractSettingsStore(table) });
  return {
    intake: new ContractIntake({ ...deps, contracts, sources: new DynamoContractSources(table), settings }),
    switches: new ContractSwitches({
      ...deps,
      settings,
      journeys: journeyServices({ table }, deps).journeys,
    }),
  };
}
