import { type DomainErrorCode, domainErrorCodes } from '#domain/errors';

/** Failures of the HTTP exchange itself and of what stands between it and the domain. */
export const httpErrorCodes = [
  'malformed-body',
  'invalid-header',
  'invalid-cursor',
  'unsupported-media-type',
  'precondition-required',
  'idempotency-in-progress',
  'idempotency-key-reused',
  'concurrent-change',
  'identity-provider-busy',
  'rate-limited',
  'headers-too-large',
  'internal',
] as const;
export type HttpErrorCode = (typeof httpErrorCodes)[number];

/** Every `type` a problem+json answer can have, by its last segment. */
export type ProblemCode = DomainErrorCode | HttpErrorCode;

export const problemCodes: readonly ProblemCode[] = [...domainErrorCodes, ...httpErrorCodes];

export type ProblemStatus =
  | 400
  | 401
  | 403
  | 404
  | 409
  | 412
  | 415
  | 422
  | 428
  | 429
  | 431
  | 500
  | 502
  | 503
  | 504;

export interface ProblemType {
  /** `urn:gridline:problem:<code>`. */
  readonly type: string;
  readonly title: string;
  readonly status: ProblemStatus;
}

export const problemUri = (code: ProblemCode): string => `urn:gridline:problem:${code}`;

function assertUnreachable(code: never): never {
  throw new Error(`problem code ${String(code)} has no status`);
}

/** Title and status of each code; a code added to the unions fails to compile until it is here. */
function describe(code: ProblemCode): Omit<ProblemType, 'type'> {
  switch (code) {
    case 'validation':
      return { title: 'Your request is not valid', status: 400 };
    case 'malformed-body':
      return { title: 'Malformed body', status: 400 };
    case 'invalid-header':
      return { title: 'Invalid header', status: 400 };
    case 'invalid-cursor':
      return { title: 'Invalid cursor', status: 400 };
    case 'unauthorized':
      return { title: 'Unauthorized', status: 401 };
    case 'forbidden':
      return { title: 'Forbidden', status: 403 };
    case 'not-found':
      return { title: 'Not found', status: 404 };
    case 'already-exists':
      return { title: 'Already exists', status: 409 };
    case 'org-number-taken':
      return { title: 'Organisation number taken', status: 409 };
    case 'customer-id-taken':
      return { title: 'Customer id taken', status: 409 };
    case 'supply-point-id-taken':
      return { title: 'Supply point identifier taken', status: 409 };
    case 'email-taken':
      return { title: 'E-mail taken', status: 409 };
    case 'title-taken':
      return { title: 'Title taken', status: 409 };
    case 'order-taken':
      return { title: 'Order taken', status: 409 };
    case 'last-admin':
      return { title: 'The last active admin', status: 409 };
    case 'setting-in-use':
      return { title: 'Setting in use', status: 409 };
    case 'job-running':
      return { title: 'A job is running', status: 409 };
    case 'changed-meanwhile':
      return { title: 'Related data changed meanwhile', status: 409 };
    case 'invalid-state':
      return { title: 'Not possible in this state', status: 409 };
    case 'missing-prerequisite':
      return { title: 'Something this needs is missing', status: 409 };
    case 'limit-reached':
      return { title: 'Limit reached', status: 409 };
    case 'period-overlap':
      return { title: 'Periods overlap', status: 409 };
    case 'group-cycle':
      return { title: 'Group under itself', status: 409 };
    case 'upload-mismatch':
      return { title: 'Not the file declared', status: 409 };
    case 'send-outcome-unknown':
      return { title: 'Earlier send unsettled', status: 409 };
    case 'sign-in-account-missing':
      return { title: 'Sign-in account missing', status: 409 };
    case 'delivery-id-reused':
      return { title: 'Delivery id reused', status: 409 };
    case 'rule-overlap':
      return { title: 'Rules overlap', status: 409 };
    case 'already-paid':
      return { title: 'Already paid', status: 409 };
    case 'slot-taken':
      return { title: 'Time already booked', status: 409 };
    case 'idempotency-in-progress':
      return { title: 'Request in progress', status: 409 };
    case 'concurrent-change':
      return { title: 'Concurrent change', status: 409 };
    case 'version-mismatch':
      return { title: 'The resource has changed', status: 412 };
    case 'unsupported-media-type':
      return { title: 'Unsupported media type', status: 415 };
    case 'idempotency-key-reused':
      return { title: 'Idempotency-Key reused', status: 422 };
    case 'number-too-large':
      return { title: 'Too large to compute exactly', status: 422 };
    case 'unprocessable':
      return { title: 'Cannot be done with what it names', status: 422 };
    case 'precondition-required':
      return { title: 'Precondition required', status: 428 };
    case 'rate-limited':
      return { title: 'Too many requests', status: 429 };
    case 'headers-too-large':
      return { title: 'Request line and headers too large', status: 431 };
    case 'internal':
      return { title: 'Internal error', status: 500 };
    case 'delivery-refused':
      return { title: 'The provider refused the message', status: 502 };
    case 'delivery-unavailable':
      return { title: 'The provider is unavailable', status: 503 };
    case 'identity-provider-busy':
      return { title: 'Identity provider busy', status: 503 };
    case 'delivery-outcome-unknown':
      return { title: 'The provider did not answer', status: 504 };
    default:
      return assertUnreachable(code);
  }
}

/** The `type`, title and status a problem with this code answers with. */
export function problemTypeOf(code: ProblemCode): ProblemType {
  return { type: problemUri(code), ...describe(code) };
}
