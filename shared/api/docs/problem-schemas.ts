import * as z from 'zod';
import type {} from 'zod-openapi';
import { problemCodes, problemUri } from '#http/problem-types';

/*
 * The error answers as the API reference documents them. Only the OpenAPI
 * generation reads these, at build time: a function's bundle does not build
 * them.
 */

export const problemSchema = z
  .object({
    type: z.enum(problemCodes.map(problemUri)),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    'invalid-params': z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem details; `type` is `urn:gridline:problem:<code>`, and `invalid-params` names each field at fault.',
  });

/**
 * What API Gateway answers by itself, before any of our code runs: its JWT
 * authorizer's 401 in AWS. It cannot be given another body or type.
 */
export const gatewayMessageSchema = z.object({ message: z.string() }).meta({
  id: 'GatewayMessage',
  description: 'API Gateway’s own answer, such as `{"message":"Unauthorized"}`; not a problem document.',
});
