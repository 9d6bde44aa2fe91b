import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../topology-types';
import { lambdaContext } from './lambda-context';
import type { LocalFailures } from './local-failures';

// biome-ignore lint/suspicious/noExplicitAny: handlers take their trigger's event type.
export type Handler = (event: any, context: Context) => Promise<any>;

/** Wraps a handler, e.g. for a test that makes a consumer fail once. */
export type HandlerWrapper = (fn: FunctionDefinition, handler: Handler) => Handler;

/** What a function did since the runtime started: the figures of its row on the functions dashboard. */
export interface FunctionStats {
  readonly name: string;
  readonly invocations: number;
  readonly errors: number;
  /** One: the module is loaded once, on first use. */
  readonly coldStarts: number;
  /** Of the last 200 invocations. */
  readonly p95Ms?: number;
}

/** The durations kept per function for its p95. */
const keptDurations = 200;

interface Counters {
  invocations: number;
  errors: number;
  durations: number[];
}

/** A partial batch response's failed ids, or a 5xx answer's status: what a handler reports without throwing. */
function reportedFailure(result: unknown): string | undefined {
  const answer = result as
    | { batchItemFailures?: { itemIdentifier: string }[]; statusCode?: number }
    | undefined;
  const failed = answer?.batchItemFailures ?? [];
  if (failed.length > 0)
    return `${failed.length} record(s) failed: ${failed.map((f) => f.itemIdentifier).join(', ')}`;
  if ((answer?.statusCode ?? 0) >= 500) return `answered ${answer?.statusCode}`;
  return undefined;
}

/**
 * Loads each function's entry file in-process, as Lambda would load its
 * bundle: once, on first use, after the environment is set. Counts what each
 * does and keeps its failures for the operator page.
 */
export class LocalFunctions {
  private readonly loaded = new Map<string, Promise<Handler>>();
  private readonly counters = new Map<string, Counters>();

  constructor(
    private readonly projectRoot: string,
    private readonly wrap: HandlerWrapper = (_fn, handler) => handler,
    private readonly failures?: LocalFailures,
  ) {}

  private load(fn: FunctionDefinition): Promise<Handler> {
    let handler = this.loaded.get(fn.name);
    if (!handler) {
      const url = pathToFileURL(path.join(this.projectRoot, fn.entry)).href;
      handler = import(url).then((module: { handler: Handler }) => this.wrap(fn, module.handler));
      this.loaded.set(fn.name, handler);
    }
    return handler;
  }

  async invoke<R>(fn: FunctionDefinition, event: unknown): Promise<R> {
    const handler = await this.load(fn);
    const counters = this.countersOf(fn.name);
    counters.invocations++;
    const started = performance.now();
    try {
      const result = await handler(event, lambdaContext(fn));
      const failure = reportedFailure(result);
      if (failure !== undefined) this.failures?.record(fn.name, failure);
      return result;
    } catch (error) {
      counters.errors++;
      this.failures?.record(fn.name, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      counters.durations.push(performance.now() - started);
      if (counters.durations.length > keptDurations) counters.durations.shift();
    }
  }

  /** Every function invoked so far. */
  stats(): FunctionStats[] {
    return [...this.counters].map(([name, c]) => {
      const sorted = [...c.durations].sort((a, b) => a - b);
      const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
      return {
        name,
        invocations: c.invocations,
        errors: c.errors,
        coldStarts: 1,
        ...(p95 !== undefined ? { p95Ms: Math.round(p95) } : {}),
      };
    });
  }

  private countersOf(name: string): Counters {
    let counters = this.counters.get(name);
    if (!counters) {
      counters = { invocations: 0, errors: 0, durations: [] };
      this.counters.set(name, counters);
    }
    return counters;
  }
}
