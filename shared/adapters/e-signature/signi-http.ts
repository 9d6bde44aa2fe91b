import { backoffMs, isTimeout, retryAfterDelayMs } from '#adapters/http/retry-timing';
import { ESignatureRefused, ESignatureUnavailable } from '#domain/contracts/e-signature';
import { signiErrorMessage } from './signi-protocol';

export interface SigniHttpOptions {
  /** `https://api.signi.com`, or the local stand-in's URL. */
  readonly baseUrl: string;
  /** Reads the workspace's API key (Secrets Manager); called once per operation. */
  readonly apiKey: () => Promise<string>;
  /** Per attempt, the answer's body included. */
  readonly timeoutMs: number;
  /** Further attempts of a read or a withdrawal after the first; a send is never repeated. */
  readonly retries: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Back-off before attempt n+1 is between ½ and 1 × baseDelayMs × 2^(n−1), at most 5 s. Default 250. */
  readonly baseDelayMs?: number;
  /** A Retry-After longer than this is not waited out: the operation is unavailable at once. Default 10 000. */
  readonly maxRetryAfterMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
}

export interface SigniCall {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  /** What the call does, for error messages: `reading contract 3359`. */
  readonly what: string;
  readonly body?: FormData;
  readonly accept: string;
  /** Whether a failed attempt may be made again (reads and withdrawals, never the send). */
  readonly repeatable: boolean;
  /**
   * A 4xx that counts as done when an earlier attempt may have reached Signi
   * without its answer reaching us (a repeated withdrawal finds nothing left).
   */
  readonly doneAfterLostAnswer?: (status: number) => boolean;
}

export interface SigniAnswer {
  readonly status: number;
  readonly body: Uint8Array;
}

type Attempt =
  | { readonly kind: 'answer'; readonly answer: SigniAnswer }
  | {
      readonly kind: 'transient';
      readonly problem: string;
      /** Signi may have acted on the request (no answer, or a 5xx). */
      readonly mayHaveActed: boolean;
      readonly retryAfterMs?: number;
      readonly cause?: unknown;
    };

/**
 * One operation against Signi's API: the `x-api-key` header, a timeout per
 * attempt, and for repeatable calls exponential back-off with jitter on
 * network errors, timeouts, 5xx and 429 (a short Retry-After is honoured).
 * Whatever is still transient at the end is {@link ESignatureUnavailable};
 * any other 4xx is {@link ESignatureRefused} with Signi's own message.
 */
export class SigniHttp {
  readonly origin: string;
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly baseDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: SigniHttpOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.base).origin;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** `/api/v1/contract/3359/` → the full URL under the base. */
  url(path: string): string {
    return this.base + path;
  }

  async call(call: SigniCall): Promise<SigniAnswer> {
    const key = await this.key();
    const attempts = call.repeatable ? Math.max(0, this.options.retries) + 1 : 1;
    let lostAnswer = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(call, key, lostAnswer);
      if (outcome.kind === 'answer') return outcome.answer;
      lostAnswer ||= outcome.mayHaveActed;
      const waitTooLong = outcome.retryAfterMs !== undefined && outcome.retryAfterMs > this.maxRetryAfterMs;
      if (attempt >= attempts || waitTooLong) {
        const tries = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
        throw new ESignatureUnavailable(
          `Signi is unavailable for ${call.what} (${tries}): ${outcome.problem}`,
          {
            cause: outcome.cause,
          },
        );
      }
      await this.sleep(outcome.retryAfterMs ?? backoffMs(attempt, this.baseDelayMs, this.random));
    }
  }

  private async key(): Promise<string> {
    try {
      return await this.options.apiKey();
    } catch (error) {
      throw new ESignatureUnavailable('the Signi API key could not be read', { cause: error });
    }
  }

  private async attempt(call: SigniCall, key: string, lostAnswer: boolean): Promise<Attempt> {
    let response: Response;
    let body: Uint8Array;
    try {
      response = await this.fetch(call.url, {
        method: call.method,
        headers: { 'x-api-key': key, accept: call.accept },
        ...(call.body === undefined ? {} : { body: call.body }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      body = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      const problem = isTimeout(error)
        ? `no answer within ${this.options.timeoutMs} ms`
        : networkProblem(error);
      return { kind: 'transient', problem, mayHaveActed: true, cause: error };
    }
    const { status } = response;
    if (status >= 200 && status < 300) return { kind: 'answer', answer: { status, body } };
    const message = signiErrorMessage(new TextDecoder().decode(body));
    if (status === 429) {
      const retryAfterMs = retryAfterDelayMs(response.headers.get('retry-after'), this.now());
      return {
        kind: 'transient',
        problem: `429 ${message}`.trim(),
        mayHaveActed: false,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status >= 500)
      return { kind: 'transient', problem: `${status} ${message}`.trim(), mayHaveActed: true };
    if (lostAnswer && call.doneAfterLostAnswer?.(status)) return { kind: 'answer', answer: { status, body } };
    throw new ESignatureRefused(`Signi refused ${call.what} (${status}): ${message}`, status);
  }
}

/** `fetch failed (ECONNREFUSED)`: undici puts the system error's code in the cause. */
function networkProblem(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${message} (${code})` : message;
}
