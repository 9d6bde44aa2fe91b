/**
 * Errors the domain raises. The HTTP layer maps each to a problem+json
 * response; nothing else in the domain knows about HTTP.
 */
export interface InvalidField {
  /** Dotted path of the field in the request, e.g. `phones.0` or `orgNumber`. */
  readonly name: string;
  readonly reason: string;
}

export class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  readonly fields: readonly InvalidField[];
  constructor(fields: readonly InvalidField[], options?: ErrorOptions) {
    super(fields.map((f) => `${f.name}: ${f.reason}`).join('; '), options);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id: string, options?: ErrorOptions) {
    super(`${resource} ${id} does not exist`, options);
    this.name = 'NotFoundError';
  }
}

/** A uniqueness rule or the resource's state forbids the change. */
export class ConflictError extends DomainError {
  readonly fields: readonly InvalidField[];
  constructor(message: string, fields: readonly InvalidField[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConflictError';
    this.fields = fields;
  }
}

/** The client's copy is stale: `If-Match` names an older version. */
export class VersionMismatchError extends DomainError {
  constructor(resource: string, id: string, options?: ErrorOptions) {
    super(`${resource} ${id} has changed since version you sent; read it again`, options);
    this.name = 'VersionMismatchError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ForbiddenError';
  }
}

/** The request does not prove who sent it (a webhook's signature): HTTP 401. */
export class UnauthenticatedError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnauthenticatedError';
  }
}

/** Refuses a change based on another version than the stored one (HTTP 412). */
export function assertVersion(
  resource: string,
  current: { id: string; version: number },
  expected: number | undefined,
) {
  if (expected !== undefined && current.version !== expected)
    throw new VersionMismatchError(resource, current.id);
}
