import type { InvalidField } from '#domain/errors';

/** A failure of the HTTP exchange itself (headers, cursor, idempotency key). */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly fields: readonly InvalidField[];

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string,
    fields: readonly InvalidField[] = [],
  ) {
    super(detail);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.fields = fields;
  }
}
