import type { ContractsEnvironment } from '#runtime/contracts-services';
import { environmentESignature } from './e-signature';
import { environmentObjects } from './objects';
import { environmentRenderer } from './renderer';
import { required } from './required';
import { environmentTable } from './table';

/** What the contracts functions run with: the table, the files bucket, the PDF renderer and Signi. */
export const contractsEnvironment = (): ContractsEnvironment => ({
  table: environmentTable(),
  objects: environmentObjects(),
  eSignature: environmentESignature(),
  renderer: environmentRenderer(),
  signingCallbackUrl: required('SIGNING_CALLBACK_URL'),
});
