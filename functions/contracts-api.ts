import { contractsApi } from '#api/contracts/contracts-bindings';
import { contractsServices } from '#runtime/contracts-services';
import { contractsEnvironment } from '#runtime/environment/contracts';
import { environmentRenderer } from '#runtime/environment/renderer';
import { httpFunction } from '#runtime/http-function';

/** Contracts: made from deals, sent for signing, moved through their life; the contract rules. */
export const handler = httpFunction('contracts-api', () =>
  contractsApi(contractsServices({ ...contractsEnvironment(), renderer: environmentRenderer() })),
);
