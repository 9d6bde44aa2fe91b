import * as z from 'zod';
import { idSchema } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import { createDealBody, dealListQuery, dealPage, dealSchema, updateDealBody } from './deals-schemas';

const dealParams = z.object({ dealId: idSchema });
const readErrors = [400, 401, 403, 404] as const;

/** Deals (R-SA-4): a sales user sees the deals they own or take part in, admins and viewers all. */
export const dealRoutes = {
  createDeal: defineRoute({
    operationId: 'createDeal',
    method: 'POST',
    path: '/v1/deals',
    summary: 'Create a deal; participants’ shares total exactly 10 000 basis points',
    tag: 'Deals',
    permission: 'write',
    body: createDealBody,
    idempotent: true,
    success: { status: 201, description: 'The deal', schema: dealSchema },
    errors: [400, 401, 403, 415, 422],
  }),
  listDeals: defineRoute({
    operationId: 'listDeals',
    method: 'GET',
    path: '/v1/deals',
    summary: 'The deals you may see, newest first',
    tag: 'Deals',
    permission: 'read',
    query: dealListQuery,
    success: { status: 200, description: 'A page of deals', schema: dealPage },
    errors: readErrors,
  }),
  getDeal: defineRoute({
    operationId: 'getDeal',
    method: 'GET',
    path: '/v1/deals/{dealId}',
    summary: 'Read a deal with its stage history',
    tag: 'Deals',
    permission: 'read',
    params: dealParams,
    etag: true,
    success: { status: 200, description: 'The deal', schema: dealSchema },
    errors: readErrors,
  }),
  updateDeal: defineRoute({
    operationId: 'updateDeal',
    method: 'PATCH',
    path: '/v1/deals/{dealId}',
    summary: 'Change a deal or move it to another stage; a lost stage needs the loss reason',
    tag: 'Deals',
    permission: 'write',
    params: dealParams,
    body: updateDealBody,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The deal', schema: dealSchema },
    errors: [400, 401, 403, 404, 409, 412, 415, 428],
  }),
} as const;
