import type * as z from 'zod';
import { backoffMs, isTimeout, retryAfterDelayMs } from '#adapters/http/retry-timing';
import { RegisterAnswerError, RegisterUnavailableError } from '#domain/registers/company-register';

export interface RegisterHttpOptions {
  /** Per attempt, the answer's body included. Default 5000. */
  readonly timeoutMs?: number;
  /** Further attempts after the first on a network error, timeout, 429 or 5xx. Default 2. */
  readonly retries?: number;
  /** Back-off before attempt n+1 is between ½ and 1 × baseDelayMs × 2^(n−1), at most 5 s. Default 250. */
  readonly baseDelayMs?: number;
  /**
   * A Retry-After longer than this is not waited out in the call: it fails
   * at once as unavailable with the register's wait, for the queue to honour.
   * Default 10 000.
   */
  readonly maxRetryAfterMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

export interface RegisterRequest {
  readonly url: string;
  readonly init: () => Promise<RequestInit>;
  /** What the call does, for error messages: `RPO search for 35757442`. */
  readonly what: string;
}

/** An answer the register gave on purpose: a 2xx, or a 4xx the adapter reads itself (404 …). */
export interface RegisterReply {
  readonly status: number;
  readonly text: string;
}

type Attempt =
  | { readonly kind: 'reply'; readonly reply: RegisterReply }
  | {
      readonly kind: 'transient';
      readonly problem: string;
      readonly retryAfterMs?: number;
      readonly cause?: unknown;
    };

/**
 * One read of a company register: a timeout per attempt, and exponential
 * back-off with jitter on network errors, timeouts, 429 (a short
 * Retry-After is waited out) and 5xx. What is still transient after the
 * last attempt is a {@link RegisterUnavailableError} carrying the
 * register's Retry-After; `answers` says which other statuses are replies
 * for the adapter to read (404 is "not found" to both registers), any
 * other is a {@link RegisterAnswerError}.
 */
export class RegisterHttp {
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: RegisterHttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.retries = Math.max(0, options.retries ?? 2);
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  async call(
    request: RegisterRequest,
    answers: (status: number) => boolean = () => false,
  ): Promise<RegisterReply> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request, answers);
      if (outcome.kind === 'reply') return outcome.reply;
      const waitTooLong = outcome.retryAfterMs !== undefined && outcome.retryAfterMs > this.maxRetryAfterMs;
      if (attempt > this.retries || waitTooLong) {
        const tries = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
        throw new RegisterUnavailableError(`${request.what} failed (${tries}): ${outcome.problem}`, {
          cause: outcome.cause,
          ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
        });
      }
      await this.sleep(outcome.retryAfterMs ?? backoffMs(attempt, this.baseDelayMs, this.random));
    }
  }

  private async attempt(request: RegisterRequest, answers: (status: number) => boolean): Promise<Attempt> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(request.url, {
        ...(await request.init()),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      if (error instanceof RegisterAnswerError || error instanceof RegisterUnavailableError) throw error;
      const problem = isTimeout(error) ? `no answer within ${this.timeoutMs} ms` : `network error (${error})`;
      return { kind: 'transient', problem, cause: error };
    }
    const { status } = response;
    if ((status >= 200 && status < 300) || answers(status)) return { kind: 'reply', reply: { status, text } };
    if (status === 429) {
      const retryAfterMs = retryAfterDelayMs(response.headers.get('retry-after'), this.now());
      return {
        kind: 'transient',
        problem: `429 Too Many Requests ${excerpt(text)}`.trim(),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status >= 500) return { kind: 'transient', problem: `${status} ${excerpt(text)}`.trim() };
    throw new RegisterAnswerError(`${request.what} was refused (${status}) ${excerpt(text)}`.trim());
  }
}

/** A reply's JSON read with the documented schema: anything else is the register's fault, and permanent. */
export function parseReply<S extends z.ZodType>(what: string, text: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegisterAnswerError(`${what} answered with malformed JSON: ${excerpt(text)}`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.join('.') || '(root)';
    throw new RegisterAnswerError(`${what} answered with an unexpected shape at ${at}: ${issue?.message}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
