import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../topology-types';
import { lambdaContext } from './lambda-context';

// biome-ignore lint/suspicious/noExplicitAny: handlers take their trigger's event type.
export type Handler = (event: any, context: Context) => Promise<any>;

/** Wraps a handler, e.g. for a test that makes a consumer fail once. */
export type HandlerWrapper = (fn: FunctionDefinition, handler: Handler) => Handler;

/**
 * Loads each function's entry file in-process, as Lambda would load its
 * bundle: once, on first use, after the environment is set.
 */
export class LocalFunctions {
  private readonly loaded = new Map<string, Promise<Handler>>();

  constructor(
    private readonly projectRoot: string,
    private readonly wrap: HandlerWrapper = (_fn, handler) => handler,
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
    return handler(event, lambdaContext(fn));
  }
}
