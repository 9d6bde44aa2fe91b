import type { InvalidField } from '#domain/errors';
import type { ProblemCode } from './problem-types';

/**
 * A failure of the HTTP exchange itself (headers, cursor, idempotency key).
 * Its code gives the status and title, looked up where the answer is made
 * (`problemOf`), so the table code that throws one does not carry the
 * catalogue of problem types into functions that never answer HTTP.
 */
export class HttpError extends Error {
  readonly code: ProblemCode;
  readonly fields: readonly InvalidField[];
  /** Sent with the problem, e.g. `retry-after` of a 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ProblemCode,
    detail: string,
    fields: readonly InvalidField[] = [],
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'HttpError';
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }
}
