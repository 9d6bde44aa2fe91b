import * as z from 'zod';
import { idSchema } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import { createdImportSchema, createImportBody, importSchema, setMappingBody } from './import-schemas';

const importParams = z.object({ importId: idSchema });

/** Imports of accounts and contacts from CSV (R-AC-8). */
export const importRoutes = {
  createImport: defineRoute({
    operationId: 'createImport',
    method: 'POST',
    path: '/v1/imports',
    summary: 'Announce a CSV file to import; answers with the URL to upload it to',
    tag: 'Imports',
    permission: 'write',
    body: createImportBody,
    idempotent: true,
    success: { status: 201, description: 'The import and its upload URL', schema: createdImportSchema },
    errors: [400, 401, 403, 409, 415, 422],
  }),
  getImport: defineRoute({
    operationId: 'getImport',
    method: 'GET',
    path: '/v1/imports/{importId}',
    summary: 'An import’s state and progress; when done, its report URL',
    tag: 'Imports',
    permission: 'read',
    params: importParams,
    etag: true,
    success: { status: 200, description: 'The import', schema: importSchema },
    errors: [400, 401, 403, 404],
  }),
  setImportMapping: defineRoute({
    operationId: 'setImportMapping',
    method: 'PUT',
    path: '/v1/imports/{importId}/mapping',
    summary: 'Choose which column feeds which field, the delimiter and the encoding',
    tag: 'Imports',
    permission: 'write',
    params: importParams,
    body: setMappingBody,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The import with its mapping', schema: importSchema },
    errors: [400, 401, 403, 404, 409, 412, 415, 428],
  }),
  dryRunImport: defineRoute({
    operationId: 'dryRunImport',
    method: 'POST',
    path: '/v1/imports/{importId}/dry-run',
    summary: 'Queue a dry run: the report lists per-row errors and duplicates; nothing is written',
    tag: 'Imports',
    permission: 'write',
    params: importParams,
    ifMatch: 'optional',
    etag: true,
    success: { status: 202, description: 'The queued import', schema: importSchema },
    errors: [400, 401, 403, 404, 409, 412],
  }),
  runImport: defineRoute({
    operationId: 'runImport',
    method: 'POST',
    path: '/v1/imports/{importId}/run',
    summary: 'Queue the import: valid rows that are not duplicates become accounts and contacts',
    tag: 'Imports',
    permission: 'write',
    params: importParams,
    ifMatch: 'optional',
    etag: true,
    success: { status: 202, description: 'The queued import', schema: importSchema },
    errors: [400, 401, 403, 404, 409, 412],
  }),
} as const;
