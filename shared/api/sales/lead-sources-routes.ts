import * as z from 'zod';
import { idSchema, pageOnlyQuery } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import {
  createLeadSourceBody,
  leadSourcePage,
  leadSourceSchema,
  newLeadSourceSchema,
  signingSecretSchema,
  updateLeadSourceBody,
} from './lead-sources-schemas';

const sourceParams = z.object({ sourceId: idSchema });

/** Lead platforms (R-SA-1); their signed webhook is in lead-webhook-routes.ts. */
export const leadSourceRoutes = {
  createLeadSource: defineRoute({
    operationId: 'createLeadSource',
    method: 'POST',
    path: '/v1/lead-sources',
    summary: 'Register a lead platform; its signing secret is shown once',
    tag: 'Lead sources',
    permission: 'admin',
    body: createLeadSourceBody,
    idempotent: true,
    success: { status: 201, description: 'The source with its secret', schema: newLeadSourceSchema },
    errors: [400, 401, 403, 415, 422],
  }),
  listLeadSources: defineRoute({
    operationId: 'listLeadSources',
    method: 'GET',
    path: '/v1/lead-sources',
    summary: 'The tenant’s lead sources by name',
    tag: 'Lead sources',
    permission: 'admin',
    query: pageOnlyQuery,
    success: { status: 200, description: 'A page of lead sources', schema: leadSourcePage },
    errors: [400, 401, 403],
  }),
  getLeadSource: defineRoute({
    operationId: 'getLeadSource',
    method: 'GET',
    path: '/v1/lead-sources/{sourceId}',
    summary: 'Read a lead source and its mapping',
    tag: 'Lead sources',
    permission: 'admin',
    params: sourceParams,
    etag: true,
    success: { status: 200, description: 'The lead source', schema: leadSourceSchema },
    errors: [400, 401, 403, 404],
  }),
  updateLeadSource: defineRoute({
    operationId: 'updateLeadSource',
    method: 'PATCH',
    path: '/v1/lead-sources/{sourceId}',
    summary: 'Change a lead source’s mapping, tolerance or campaign, or deactivate it',
    tag: 'Lead sources',
    permission: 'admin',
    params: sourceParams,
    body: updateLeadSourceBody,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The lead source', schema: leadSourceSchema },
    errors: [400, 401, 403, 404, 409, 412, 415, 428],
  }),
  rotateLeadSourceSecret: defineRoute({
    operationId: 'rotateLeadSourceSecret',
    method: 'POST',
    path: '/v1/lead-sources/{sourceId}/secret',
    summary: 'Make a new signing secret; the old one stays valid for 24 hours',
    tag: 'Lead sources',
    permission: 'admin',
    params: sourceParams,
    success: { status: 200, description: 'The new secret, shown once', schema: signingSecretSchema },
    errors: [400, 401, 403, 404],
  }),
} as const;
