import type { ContractsEnvironment } from '#runtime/contracts-services';
import { environmentESignature } from './e-signature';
import { environmentObjects } from './objects';
import { required } from './required';
import { environmentTable } from './table';

/**
 * What the contracts functions run with: the table, the files bucket and
 * Signi. The functions that render add `environmentRenderer()`.
 */
export const contractsEnvironment = (): ContractsEnvironment => ({
  table: environmentTable(),
  objects: environmentObjects(),
  eSignature: environmentESignature(),
  signingCallbackUrl: required('SIGNING_CALLBACK_URL'),
});
