import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { type Correlation, withCorrelation } from '#adapters/observability/correlation';
import { gridlineLogger } from './logger';

/** What a function reports through: its logger and its metrics (Powertools, EMF; the namespace from the stack). */
export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export const observability = (serviceName: string): Observability => ({
  logger: gridlineLogger(serviceName),
  metrics: new Metrics({ serviceName }),
});

export interface ObservedHandlerOptions<E> {
  readonly observability?: Observability;
  /** The invocation's correlation; the Lambda request id when absent (a shell sets each record's own). */
  readonly correlationOf?: (event: E, context: Context) => Correlation | undefined;
}

type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

const observed = new WeakSet<object>();

/** Whether a function's handler went through `observedHandler` (every function's must). */
export const isObservedHandler = (handler: unknown): boolean =>
  typeof handler === 'function' && observed.has(handler);

/**
 * Every function's Lambda handler: the invocation's context on each log line,
 * a correlation for the whole invocation, Powertools' `ColdStart` metric on a
 * cold start and whatever metrics the handler added published at the end,
 * also when it throws. Nothing is published for an invocation without
 * metrics (Powertools would warn on every one).
 */
export function observedHandler<E, R>(
  serviceName: string,
  handler: LambdaHandler<E, R>,
  options: ObservedHandlerOptions<E> = {},
) {
  const { logger, metrics } = options.observability ?? observability(serviceName);
  const publish = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  const correlated: LambdaHandler<E, R> = (event, context) =>
    withCorrelation(
      options.correlationOf?.(event, context) ?? { correlationId: context.awsRequestId ?? randomUUID() },
      () => handler(event, context),
    );
  const wrapped = middy<E, R, Error, Context>(correlated)
    .use(injectLambdaContext(logger))
    .use({
      before: (request) => metrics.captureColdStartMetric(request.context.functionName),
      after: publish,
      onError: publish,
    });
  // Middy gives a direct call (a test, a script) an empty context.
  const entry = (event: E, context?: Context): Promise<R> => wrapped(event, context as Context);
  observed.add(entry);
  return entry;
}
