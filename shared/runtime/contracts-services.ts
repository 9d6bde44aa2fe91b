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
import type { Table } from '#table/core/table';
import { DynamoSettingReads } from '#table/settings/setting-reads';
import type { AccountsOverrides } from './accounts-services';
import { activitiesServices } from './activities-services';
import type { Environment } from './environment';
import { journeyOpening } from './journey-services';
import { missingPart } from './missing-part';
import { dealsAndOffers } from './sales-services';
import { serviceDeps } from './service-deps';

/**
 * The PDF renderer only where the function renders: sending a draft
 * (contracts-api) and the print batches' covers (contract-jobs). Delivery to
 * Signi and its callbacks move stored documents only, and their bundles
 * stay without pdfkit and its fonts.
 */
export type ContractsEnvironment = Pick<
  Environment,
  'table' | 'objects' | 'eSignature' | 'signingCallbackUrl'
> &
  Partial<Pick<Environment, 'renderer'>>;

/** What every part of the contracts module shares: the deps, the stores and the tenant's rules. */
function contractBasics(table: Table, overrides: AccountsOverrides) {
  const deps: ServiceDeps = serviceDeps(table, overrides);
  const contracts = new DynamoContractStore(table);
  const settings = new ContractSettingsService({ ...deps, store: new DynamoContractSettingsStore(table) });
  return { deps, contracts, settings, sources: new DynamoContractSources(table) };
}

/** Supplier switches through the energy module's journeys. */
const switchesOf = (table: Table, basics: ReturnType<typeof contractBasics>) =>
  new ContractSwitches({
    ...basics.deps,
    settings: basics.settings,
    journeys: journeyOpening({ table }, basics.deps),
  });

/**
 * What follows from sales and contract events, and needs only the table:
 * drafts from accepted offers and the supplier switches of signed
 * contracts (the `contract-followups` function has no bucket or Signi).
 */
export function contractFollowups(env: Pick<Environment, 'table'>, overrides: AccountsOverrides = {}) {
  const basics = contractBasics(env.table, overrides);
  const { deps, contracts, settings, sources } = basics;
  return {
    intake: new ContractIntake({ ...deps, contracts, sources, settings }),
    switches: switchesOf(env.table, basics),
  };
}

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
  const basics = contractBasics(table, overrides);
  const { deps, contracts, settings, sources } = basics;
  const renderer = rendererOf(env);
  const files = new ContractFiles(env.objects, renderer);
  const service = new ContractService({ ...deps, contracts, settings, files, sources });
  const sales = dealsAndOffers({ table }, overrides);
  return {
    contracts: service,
    settings,
    switches: switchesOf(table, basics),
    printBatches: new ContractPrintBatches({
      ...deps,
      contracts,
      batches: new DynamoPrintBatchStore(table),
      objects: env.objects,
      renderer,
    }),
    intake: new ContractIntake({
      ...deps,
      contracts,
      sources,
      settings,
      deals: sales.deals,
      pricing: sales.offers,
    }),
    signing: signingOf(env, basics, files, service),
  };
}

/** Signing through Signi: delivery of a sent contract's documents and Signi's callbacks. */
function signingOf(
  env: ContractsEnvironment,
  basics: ReturnType<typeof contractBasics>,
  files: ContractFiles,
  users: ContractService,
): ContractSigning {
  const { deps, contracts, settings } = basics;
  const callbackBase = new URL(env.signingCallbackUrl);
  return new ContractSigning({
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
    users,
  });
}

/**
 * Signing alone, for the functions that deliver to Signi and take its
 * callbacks (contract-signing, signing-callback): they move stored documents
 * only, so their bundles stay without the sales module's deals and offers,
 * the print batches and the supplier switches.
 */
export function contractSigning(
  env: ContractsEnvironment,
  overrides: AccountsOverrides = {},
): ContractSigning {
  const basics = contractBasics(env.table, overrides);
  const { deps, contracts, settings, sources } = basics;
  const files = new ContractFiles(env.objects, rendererOf(env));
  const service = new ContractService({ ...deps, contracts, settings, files, sources });
  return signingOf(env, basics, files, service);
}

const rendererOf = (env: ContractsEnvironment) =>
  env.renderer ?? missingPart<NonNullable<ContractsEnvironment['renderer']>>('document renderer');

/**
 * Renewals and ends of fixed-term contracts: the daily job's part that makes
 * deals and the owner's task (an activity, so it needs the scheduler).
 */
export function contractRenewals(
  env: Pick<Environment, 'table' | 'scheduler'>,
  overrides: AccountsOverrides = {},
): ContractRenewals {
  const { table } = env;
  const { deps, contracts } = contractBasics(table, overrides);
  return new ContractRenewals({
    ...deps,
    contracts,
    deals: dealsAndOffers({ table }, overrides).deals,
    activities: activitiesServices(env, { ...deps, users: overrides.users }).activities,
    settings: new DynamoSettingReads(table),
  });
}
