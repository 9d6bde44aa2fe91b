import type { z } from 'zod';
import type { Caller } from '#domain/caller';
import type { Permission } from './auth';
import type { ProblemCode } from './problem-types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface IdempotencyRequest {
  readonly key: string;
  /**
   * SHA-256 of the method, the concrete path, the caller and the raw body:
   * the same key on another request, by another user, or with another body is refused.
   */
  readonly requestHash: string;
}

/** One successful answer of an operation: its status and what its body is. */
export interface SuccessResponse {
  /** 301: a read of a merged record, pointing at its survivor (ADR 0032). */
  readonly status: 200 | 201 | 202 | 204 | 301;
  readonly description: string;
  /** The body; every answer is parsed with it, so nothing it does not name is sent. */
  readonly schema?: z.ZodType;
  /** Content type of a non-JSON success body (the docs page). */
  readonly contentType?: string;
  /** Headers this answer sends, by name, with what they say (for the docs); in place of the ETag. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One HTTP operation: where it lives, who may call it, and the zod schemas of
 * what goes in and out. Routing, validation, permissions and the OpenAPI
 * document all come from this one description.
 */
export interface RouteContract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** `public` routes have no authorizer (docs only). */
  readonly permission: Permission | 'public';
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly success: SuccessResponse;
  /**
   * Other successful answers, chosen by the implementation's `status` (a
   * delete that starts a job answers 202 with the job instead of 204).
   */
  readonly otherSuccesses?: readonly SuccessResponse[];
  /**
   * A signed webhook: the body (documented by `body`) is handed over raw and
   * unread, so that the implementation checks the sender's signature before
   * it looks at what was sent.
   */
  readonly signed?: boolean;
  /** Creates accept `Idempotency-Key`; updates require `If-Match`. */
  readonly idempotent?: boolean;
  readonly ifMatch?: 'required' | 'optional';
  /** Reads that return a versioned resource answer with an `ETag`. */
  readonly etag?: boolean;
  /**
   * Error statuses this operation can answer, for the docs. Those that follow
   * from its shape (400 for input, 401 and 403 for a token, 412 and 428 for
   * If-Match, 415 for a body, 409 and 422 for Idempotency-Key, 431 and 500
   * for any) are added by the document whether listed or not.
   */
  readonly errors: readonly number[];
  /**
   * This operation's own problems (what it conflicts on), for the docs. The
   * ones any operation may answer (validation, roles, versions, retries)
   * come with `errors`; without this list, the docs name every problem of
   * those statuses.
   */
  readonly problems?: readonly ProblemCode[];
}

export interface RouteInput<P, Q, B> {
  readonly caller: Caller;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly ifMatch?: number;
  readonly idempotency?: IdempotencyRequest;
  /** The request as it came: what a signed webhook verifies. */
  readonly raw: { readonly headers: Readonly<Record<string, string | undefined>>; readonly body: string };
}

export interface RouteResult {
  /** One of the contract's success statuses; the contract's `success` when not given. */
  readonly status?: number;
  readonly body?: unknown;
  /** Sent as the `ETag` of the response. */
  readonly version?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

type Out<T> = [NonNullable<T>] extends [z.ZodType] ? z.output<NonNullable<T>> : undefined;

export type RouteImplementation<C extends RouteContract> = (
  input: RouteInput<Out<C['params']>, Out<C['query']>, Out<C['body']>>,
) => Promise<RouteResult>;

export interface BoundRoute {
  readonly contract: RouteContract;
  readonly implementation: RouteImplementation<RouteContract>;
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  contract: RouteContract<P, Q, B>,
): RouteContract<P, Q, B> {
  return contract;
}

export function bind<C extends RouteContract>(
  contract: C,
  implementation: RouteImplementation<C>,
): BoundRoute {
  return { contract, implementation: implementation as RouteImplementation<RouteContract> };
}

export function routeKeyOf(contract: Pick<RouteContract, 'method' | 'path'>): string {
  return `${contract.method} ${contract.path}`;
}
