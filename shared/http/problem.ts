import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodError } from 'zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  type InvalidField,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  VersionMismatchError,
} from '#domain/errors';
import { HttpError } from './http-error';

/** An RFC 9457 problem document; `invalid-params` lists the fields at fault. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly 'invalid-params'?: readonly InvalidField[];
}

export function problemResponse(problem: Problem): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify(problem),
  };
}

function problem(
  code: string,
  title: string,
  status: number,
  detail: string,
  fields?: readonly InvalidField[],
) {
  return {
    type: `urn:gridline:problem:${code}`,
    title,
    status,
    detail,
    ...(fields && fields.length > 0 ? { 'invalid-params': fields } : {}),
  };
}

/** One entry per field at fault; an unknown key is named itself, a missing body `body`. */
export function fieldsOfZodError(error: ZodError): InvalidField[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ name: [...at, key].join('.'), reason: 'is not a known field' }));
    }
    return [{ name: at.join('.') || 'body', reason: issue.message }];
  });
}

export function validationProblem(fields: readonly InvalidField[]): Problem {
  return problem('validation', 'Your request is not valid', 400, 'One or more fields are invalid.', fields);
}

/** Maps what the domain and the HTTP layer throw; anything else is the caller's 500. */
export function problemOf(error: unknown): Problem | undefined {
  if (error instanceof HttpError) {
    return problem(error.code, error.title, error.status, error.message, error.fields);
  }
  if (!(error instanceof DomainError)) return undefined;
  if (error instanceof ValidationError) return validationProblem(error.fields);
  if (error instanceof NotFoundError) return problem('not-found', 'Not found', 404, error.message);
  if (error instanceof VersionMismatchError) {
    return problem('version-mismatch', 'The resource has changed', 412, error.message);
  }
  if (error instanceof ConflictError)
    return problem('conflict', 'Conflict', 409, error.message, error.fields);
  if (error instanceof ForbiddenError) return problem('forbidden', 'Forbidden', 403, error.message);
  if (error instanceof UnauthenticatedError)
    return problem('unauthorized', 'Unauthorized', 401, error.message);
  return problem('domain-error', 'The request cannot be carried out', 422, error.message);
}

export const internalProblem: Problem = problem(
  'internal',
  'Internal error',
  500,
  'Something went wrong on our side; it has been logged.',
);
