import type { InvalidField } from '#domain/errors';
import { type ProblemCode, type ProblemStatus, problemTypeOf } from './problem-types';

/** A failure of the HTTP exchange itself (headers, cursor, idempotency key); its code gives status and title. */
export class HttpError extends Error {
  readonly code: ProblemCode;
  readonly status: ProblemStatus;
  readonly title: string;
  readonly fields: readonly InvalidField[];

  constructor(code: ProblemCode, detail: string, fields: readonly InvalidField[] = []) {
    super(detail);
    this.name = 'HttpError';
    const { status, title } = problemTypeOf(code);
    this.code = code;
    this.status = status;
    this.title = title;
    this.fields = fields;
  }
}
