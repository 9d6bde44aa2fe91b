import type { InvalidField } from '#domain/errors';
import { type ProblemCode, type ProblemStatus, problemTypeOf } from './problem-types';

/** A failure of the HTTP exchange itself (headers, cursor, idempotency key); its code gives status and title. */
export class HttpError extends Error {
  readonly code: ProblemCode;
  readonly status: ProblemStatus;
  readonly title: string;
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
    const { status, title } = problemTypeOf(code);
    this.code = code;
    this.status = status;
    this.title = title;
    this.fields = fields;
    this.headers = headers;
  }
}
