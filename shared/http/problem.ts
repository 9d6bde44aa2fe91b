import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type InvalidField, ValidationError } from '#domain/errors';
import { HttpError } from './http-error';
import { type ProblemCode, problemTypeOf } from './problem-types';

/** An RFC 9457 problem document; `invalid-params` lists the fields at fault. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly 'invalid-params'?: readonly InvalidField[];
}

export function problemResponse(
  problem: Problem,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { ...headers, 'content-type': 'application/problem+json' },
    body: JSON.stringify(problem),
  };
}

/** The problem document of one code: its `type`, title and status, with this detail. */
export function problem(code: ProblemCode, detail: string, fields?: readonly InvalidField[]): Problem {
  return {
    ...problemTypeOf(code),
    detail,
    ...(fields && fields.length > 0 ? { 'invalid-params': fields } : {}),
  };
}

export function validationProblem(fields: readonly InvalidField[]): Problem {
  return problem('validation', 'One or more fields are invalid.', fields);
}

/** Maps what the domain and the HTTP layer throw; anything else is the caller's 500. */
export function problemOf(error: unknown): Problem | undefined {
  if (error instanceof ValidationError) return validationProblem(error.fields);
  if (error instanceof HttpError || error instanceof DomainError) {
    return problem(error.code, error.message, error.fields);
  }
  return undefined;
}

export const internalProblem: Problem = problem(
  'internal',
  'Something went wrong on our side; it has been logged.',
);
