import type * as z from 'zod';
import { pageOnlyQuery } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import {
  activateBody,
  contractHistorySchema,
  contractListQuery,
  contractPage,
  contractParams,
  contractRulesSchema,
  contractSchema,
  contractSettingsSchema,
  createContractBody,
  dealParams,
  downloadSchema,
  printBatchDownloadSchema,
  printBatchPage,
  printBatchParams,
  reasonBody,
  requiredReasonBody,
  terminateBody,
  updateDraftBody,
} from './contracts-schemas';

const readErrors = [400, 401, 403, 404] as const;
const moveErrors = [400, 401, 403, 404, 409, 412, 415, 422, 428] as const;

/** What every state change of a contract has in common: If-Match, and the contract back. */
const moveFields = (operationId: string, path: string, summary: string) =>
  ({
    operationId,
    method: 'POST',
    path: `/v1/contracts/{contractId}/${path}`,
    summary,
    tag: 'Contracts',
    permission: 'write',
    params: contractParams,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The contract after the change', schema: contractSchema },
    errors: moveErrors,
  }) as const;

const move = (operationId: string, path: string, summary: string) =>
  defineRoute(moveFields(operationId, path, summary));

const moveWith = <B extends z.ZodType>(operationId: string, path: string, summary: string, body: B) =>
  defineRoute({ ...moveFields(operationId, path, summary), body });

/** Contracts from accepted offers, their signing and their life (R-CO-1, R-CO-2, R-CO-3). */
export const contractRoutes = {
  createDealContract: defineRoute({
    operationId: 'createDealContract',
    method: 'POST',
    path: '/v1/deals/{dealId}/contracts',
    summary: 'Make a draft contract by hand from a deal, its supply points priced with a product today',
    tag: 'Contracts',
    permission: 'write',
    params: dealParams,
    body: createContractBody,
    idempotent: true,
    etag: true,
    success: { status: 201, description: 'The draft contract', schema: contractSchema },
    errors: [400, 401, 403, 404, 409, 415, 422],
  }),
  listContracts: defineRoute({
    operationId: 'listContracts',
    method: 'GET',
    path: '/v1/contracts',
    summary:
      'Contracts, newest first: all of them for admins and viewers, those of one’s own deals for sellers',
    tag: 'Contracts',
    permission: 'read',
    query: contractListQuery,
    success: { status: 200, description: 'A page of contracts', schema: contractPage },
    errors: [400, 401, 403],
  }),
  getContract: defineRoute({
    operationId: 'getContract',
    method: 'GET',
    path: '/v1/contracts/{contractId}',
    summary: 'Read a contract',
    tag: 'Contracts',
    permission: 'read',
    params: contractParams,
    etag: true,
    success: { status: 200, description: 'The contract', schema: contractSchema },
    errors: readErrors,
  }),
  updateContractDraft: defineRoute({
    operationId: 'updateContractDraft',
    method: 'PATCH',
    path: '/v1/contracts/{contractId}',
    summary: 'Change a draft: its requested start, communication, term or signing persons',
    tag: 'Contracts',
    permission: 'write',
    params: contractParams,
    body: updateDraftBody,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The draft after the change', schema: contractSchema },
    errors: moveErrors,
  }),
  getContractHistory: defineRoute({
    operationId: 'getContractHistory',
    method: 'GET',
    path: '/v1/contracts/{contractId}/transitions',
    summary: 'Every transition of a contract with time, actor and reason, oldest first',
    tag: 'Contracts',
    permission: 'read',
    params: contractParams,
    success: { status: 200, description: 'The transitions', schema: contractHistorySchema },
    errors: readErrors,
  }),
  getContractDocument: defineRoute({
    operationId: 'getContractDocument',
    method: 'GET',
    path: '/v1/contracts/{contractId}/document',
    summary: 'A download link of the signed PDF, or of the document as last rendered',
    tag: 'Contracts',
    permission: 'read',
    params: contractParams,
    success: { status: 200, description: 'The link', schema: downloadSchema },
    errors: [...readErrors, 409],
  }),
  sendContract: move(
    'sendContract',
    'send',
    'Send a draft: rendered from the template, then to e-signature (electronic) or to the print batch (paper)',
  ),
  cancelContract: moveWith(
    'cancelContract',
    'cancel',
    'Cancel a draft or sent contract (withdrawn at Signi too)',
    reasonBody,
  ),
  recordContractSigned: move(
    'recordContractSigned',
    'record-signed',
    'Record a paper contract signed, when the signed copy came back',
  ),
  activateContract: moveWith(
    'activateContract',
    'activate',
    'The supply started: a fixed term’s end follows',
    activateBody,
  ),
  withdrawContract: moveWith(
    'withdrawContract',
    'withdraw',
    'A consumer withdrew within the withdrawal period',
    requiredReasonBody,
  ),
  terminateContract: moveWith(
    'terminateContract',
    'terminate',
    'Terminate with a reason and the last day of supply',
    terminateBody,
  ),
  listPrintBatches: defineRoute({
    operationId: 'listPrintBatches',
    method: 'GET',
    path: '/v1/contracts/print-batches',
    summary: 'The print batches of paper contracts, newest first (admins: they name every paper customer)',
    tag: 'Contracts',
    permission: 'admin',
    query: pageOnlyQuery,
    success: { status: 200, description: 'A page of print batches', schema: printBatchPage },
    errors: [400, 401, 403],
  }),
  downloadPrintBatch: defineRoute({
    operationId: 'downloadPrintBatch',
    method: 'GET',
    path: '/v1/contracts/print-batches/{day}/download',
    summary: 'Links to a print batch’s cover sheet and manifest',
    tag: 'Contracts',
    permission: 'admin',
    params: printBatchParams,
    success: { status: 200, description: 'The links', schema: printBatchDownloadSchema },
    errors: readErrors,
  }),
  getContractSettings: defineRoute({
    operationId: 'getContractSettings',
    method: 'GET',
    path: '/v1/contracts/settings',
    summary:
      'Read the contract rules; the defaults of the tenant’s country at version 0 until an admin sets them',
    tag: 'Contracts',
    permission: 'read',
    etag: true,
    success: { status: 200, description: 'The contract rules', schema: contractSettingsSchema },
    errors: [401, 403],
  }),
  replaceContractSettings: defineRoute({
    operationId: 'replaceContractSettings',
    method: 'PUT',
    path: '/v1/contracts/settings',
    summary: 'Replace the contract rules as a whole (If-Match "0" for the first time)',
    tag: 'Contracts',
    permission: 'admin',
    body: contractRulesSchema,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The contract rules as stored', schema: contractSettingsSchema },
    errors: [400, 401, 403, 412, 415, 428],
  }),
} as const;
