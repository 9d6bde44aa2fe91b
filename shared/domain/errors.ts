/**
 * Errors the domain raises. Each carries a code that tells the situation
 * apart (an org number taken, a setting in use); the HTTP layer maps each
 * code to a problem+json response, and nothing else here knows about HTTP.
 */
export interface InvalidField {
  /** Dotted path of the field in the request, e.g. `phones.0` or `orgNumber`. */
  readonly name: string;
  readonly reason: string;
}

/** Why a change conflicts with what is stored or with the resource's state. */
export const conflictCodes = [
  'already-exists',
  'org-number-taken',
  'customer-id-taken',
  'supply-point-id-taken',
  'email-taken',
  'title-taken',
  'order-taken',
  'last-admin',
  'setting-in-use',
  'job-running',
  'changed-meanwhile',
  'invalid-state',
  'missing-prerequisite',
  'limit-reached',
  'period-overlap',
  'group-cycle',
  'upload-mismatch',
  'send-outcome-unknown',
  'sign-in-account-missing',
  'delivery-id-reused',
  'rule-overlap',
  'already-paid',
  'slot-taken',
] as const;
export type ConflictCode = (typeof conflictCodes)[number];

/** Every situation a domain error names. */
export const domainErrorCodes = [
  'validation',
  'not-found',
  'version-mismatch',
  'forbidden',
  'unauthorized',
  'number-too-large',
  'unprocessable',
  'delivery-refused',
  'delivery-unavailable',
  'delivery-outcome-unknown',
  ...conflictCodes,
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fields: readonly InvalidField[];
  constructor(
    code: DomainErrorCode,
    message: string,
    fields: readonly InvalidField[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.fields = fields;
  }
}

export class ValidationError extends DomainError {
  constructor(fields: readonly InvalidField[], options?: ErrorOptions) {
    super('validation', fields.map((f) => `${f.name}: ${f.reason}`).join('; '), fields, options);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id: string, options?: ErrorOptions) {
    super('not-found', `${resource} ${id} does not exist`, [], options);
    this.name = 'NotFoundError';
  }
}

/** A uniqueness rule or the resource's state forbids the change; the code says which. */
export class ConflictError extends DomainError {
  declare readonly code: ConflictCode;
  constructor(
    code: ConflictCode,
    message: string,
    fields: readonly InvalidField[] = [],
    options?: ErrorOptions,
  ) {
    super(code, message, fields, options);
    this.name = 'ConflictError';
  }
}

/**
 * Every field is well-formed, but what it names cannot serve the request: a
 * fixed-line number asked to take a text message, a place the tenant's gas
 * table has no coefficient for (422).
 */
export class UnprocessableError extends DomainError {
  constructor(message: string, fields: readonly InvalidField[], options?: ErrorOptions) {
    super('unprocessable', message, fields, options);
    this.name = 'UnprocessableError';
  }
}

/** The client's copy is stale: `If-Match` names an older version. */
export class VersionMismatchError extends DomainError {
  constructor(resource: string, id: string, options?: ErrorOptions) {
    super(
      'version-mismatch',
      `${resource} ${id} has changed since version you sent; read it again`,
      [],
      options,
    );
    this.name = 'VersionMismatchError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super('forbidden', message, [], options);
    this.name = 'ForbiddenError';
  }
}

/** The request does not prove who sent it (a webhook's signature). */
export class UnauthenticatedError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super('unauthorized', message, [], options);
    this.name = 'UnauthenticatedError';
  }
}

/** Refuses a change based on another version than the stored one. */
export function assertVersion(
  resource: string,
  current: { id: string; version: number },
  expected: number | undefined,
) {
  if (expected !== undefined && current.version !== expected)
    throw new VersionMismatchError(resource, current.id);
}
