import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentCorrelation, withCorrelation } from '#adapters/observability/correlation';
import { accountEvents } from '#domain/accounts/account-events';
import { pickEvents } from '#domain/event-definition';
import { gridlineLogger } from '#runtime/observability/logger';
import { isObservedHandler, observability, observedHandler } from '#runtime/observability/observed-handler';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { sqsRecord } from '../../support/queue-messages';

const context = (awsRequestId: string): Context =>
  ({
    functionName: 'Gridline-audit-recorder',
    awsRequestId,
    invokedFunctionArn: 'arn:aws:lambda:eu-north-1:123456789012:function:Gridline-audit-recorder',
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => 1000,
  }) as Context;

/** The JSON lines written while `work` runs (Powertools writes logs and EMF to stdout, warnings to stderr). */
async function stdoutLines(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('every function’s handler', () => {
  beforeEach(() => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    // What Lambda sets; Powertools counts no cold start without it.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('reports a cold start once, publishes the metrics the handler added, and nothing for an invocation without any', async () => {
    const observed = observability('audit-recorder');
    const handler = observedHandler(
      'audit-recorder',
      async (event: { count: number }) => {
        if (event.count > 0) observed.metrics.addMetric('EventsRelayed', MetricUnit.Count, event.count);
        return 'done';
      },
      { observability: observed },
    );

    const first = await stdoutLines(() => handler({ count: 2 }, context('r-1')));
    const second = await stdoutLines(() => handler({ count: 0 }, context('r-2')));

    const metricNames = (lines: Record<string, unknown>[]) =>
      lines.flatMap((l) =>
        (
          (l._aws as { CloudWatchMetrics?: { Metrics: { Name: string }[] }[] })?.CloudWatchMetrics ?? []
        ).flatMap((m) => m.Metrics.map((metric) => metric.Name)),
      );
    expect(metricNames(first).sort()).toEqual(['ColdStart', 'EventsRelayed']);
    const relayed = first.find((l) => 'EventsRelayed' in l);
    expect(relayed).toMatchObject({ EventsRelayed: 2, service: 'audit-recorder' });
    const coldStart = first.find((l) => 'ColdStart' in l);
    expect(coldStart).toMatchObject({ function_name: 'Gridline-audit-recorder', service: 'audit-recorder' });
    expect(metricNames(second)).toEqual([]);
    expect(isObservedHandler(handler)).toBe(true);
    expect(isObservedHandler(async () => undefined)).toBe(false);
  });

  it('publishes the metrics also when the handler throws', async () => {
    const observed = observability('export-worker');
    const handler = observedHandler(
      'export-worker',
      async () => {
        observed.metrics.addMetric('ExportsCompleted', MetricUnit.Count, 1);
        throw new Error('broken');
      },
      { observability: observed },
    );

    let failure: unknown;
    const lines = await stdoutLines(() => handler({}, context('r-3')).catch((e: unknown) => (failure = e)));

    expect((failure as Error).message).toBe('broken');
    expect(lines.some((l) => l.ExportsCompleted === 1)).toBe(true);
  });

  it('runs with the invocation’s correlation (the Lambda request id unless the shell names one) on every log line', async () => {
    const logger = gridlineLogger('users-api');
    const seen: unknown[] = [];
    const plain = observedHandler('users-api', async () => {
      seen.push(currentCorrelation()?.correlationId);
      logger.info('working');
    });
    const named = observedHandler(
      'users-api',
      async () => {
        seen.push(currentCorrelation());
      },
      { correlationOf: () => ({ correlationId: 'c-42', tenantId: 'norrsken' }) },
    );

    const lines = await stdoutLines(async () => {
      await plain({}, context('req-7'));
      await named({}, context('req-8'));
    });

    expect(seen).toEqual(['req-7', { correlationId: 'c-42', tenantId: 'norrsken' }]);
    expect(lines.find((l) => l.message === 'working')).toMatchObject({
      level: 'INFO',
      service: 'users-api',
      correlation_id: 'req-7',
    });
    expect(currentCorrelation()).toBeUndefined();
  });

  it('logs the tenant, event and message of the work and leaves out what it does not know', async () => {
    const logger = gridlineLogger('audit-recorder');

    const lines = await stdoutLines(async () => {
      withCorrelation({ correlationId: 'c-1', tenantId: 't-1', eventId: 'e-1', messageId: 'm-1' }, () =>
        logger.info('with all'),
      );
      withCorrelation({ correlationId: 'c-2' }, () => logger.warn('with the id only'));
      logger.info('without');
    });

    expect(lines.find((l) => l.message === 'with all')).toMatchObject({
      correlation_id: 'c-1',
      tenant_id: 't-1',
      event_id: 'e-1',
      message_id: 'm-1',
    });
    const idOnly = lines.find((l) => l.message === 'with the id only') ?? {};
    expect(idOnly.correlation_id).toBe('c-2');
    expect(Object.keys(idOnly)).not.toContain('tenant_id');
    expect(Object.keys(lines.find((l) => l.message === 'without') ?? {})).not.toContain('correlation_id');
  });

  it('puts the Lambda context on a queue consumer’s own log lines, beside the message’s correlation', async () => {
    const handler = domainEventConsumer({
      serviceName: 'audit-recorder',
      handles: pickEvents(accountEvents, ['AccountUpdated']),
      handle: async () => undefined,
    });

    const lines = await stdoutLines(() =>
      handler({ Records: [sqsRecord('m-9', 'not json')] }, context('req-9')).catch(() => undefined),
    );

    expect(lines.find((l) => l.message === 'unreadable message refused')).toMatchObject({
      service: 'audit-recorder',
      function_request_id: 'req-9',
      function_name: 'Gridline-audit-recorder',
      correlation_id: 'm-9',
      message_id: 'm-9',
    });
  });
});
