import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { businessMetrics, eventsRelayedMetric } from '#runtime/business-metrics';
import { awsFunctionName } from '../../operations/aws-names';
import { type DeadLetterSource, deadLetterQueuesOf } from '../../operations/dead-letter-queues';
import type { FunctionDefinition, Topology } from '../../topology-types';
import type { StackMetrics } from './metrics';
import { scheduleGroupsOf } from './topology-alarms';

/** SLIC Watch's dashboard defaults: the last three hours, five-minute points. */
const dashboardDefaults = {
  defaultInterval: Duration.hours(3),
  periodOverride: cloudwatch.PeriodOverride.INHERIT,
} as const;
const period = Duration.minutes(5);

const graph = (props: cloudwatch.GraphWidgetProps) =>
  new cloudwatch.GraphWidget({ width: 8, height: 6, period, ...props });

const relaysOf = (topology: Topology): FunctionDefinition[] =>
  topology.functions.filter((f) => f.trigger.kind === 'outbox-stream');

export const dashboardName = (stackName: string, part: 'overview' | 'functions' | 'queues') =>
  `${stackName}-${part}`;

/**
 * The overview: the API, each route group (a module's routes all go to one
 * function), the outbox relay, the table and the business metrics.
 */
export function overviewDashboard(scope: Construct, metrics: StackMetrics, topology: Topology) {
  const dashboard = new cloudwatch.Dashboard(scope, 'Overview', {
    dashboardName: dashboardName(metrics.stackName, 'overview'),
    ...dashboardDefaults,
  });
  dashboard.addWidgets(
    graph({
      title: 'API requests and errors',
      left: ['Count', '4xx', '5xx'].map((name) => metrics.api(name, { statistic: 'Sum', label: name })),
    }),
    graph({
      title: 'API latency',
      left: ['p50', 'p99'].map((statistic) => metrics.api('Latency', { statistic, label: statistic })),
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.TextWidget({
      width: 24,
      height: 2,
      markdown:
        '**Route groups**: a module’s routes all go to one function, so a function is its route group. ' +
        'Per-route API metrics would need detailed route metrics on the stage, billed as custom metrics.',
    }),
  );
  const httpFunctions = topology.functions.filter((f) => f.trigger.kind === 'http');
  dashboard.addWidgets(
    ...httpFunctions.map((fn) =>
      graph({
        title: `Route group ${fn.name}`,
        left: ['Invocations', 'Errors'].map((name) =>
          metrics.lambda(fn.name, name, { statistic: 'Sum', label: name }),
        ),
        right: ['p50', 'p99'].map((statistic) =>
          metrics.lambda(fn.name, 'Duration', { statistic, label: `duration ${statistic}` }),
        ),
      }),
    ),
  );
  for (const relay of relaysOf(topology)) {
    dashboard.addWidgets(
      graph({
        title: `${relay.name}: events relayed and how far behind`,
        left: [
          metrics.custom(
            eventsRelayedMetric,
            { service: relay.name },
            { statistic: 'Sum', label: 'events relayed' },
          ),
        ],
        right: [
          metrics.lambda(relay.name, 'IteratorAge', { statistic: 'Maximum', label: 'iterator age (ms)' }),
        ],
      }),
      graph({
        title: 'Business events',
        width: 16,
        left: businessMetrics.map((metric) =>
          metrics.custom(metric.name, { service: relay.name }, { statistic: 'Sum', label: metric.name }),
        ),
      }),
    );
  }
  dashboard.addWidgets(
    graph({
      title: 'Table capacity consumed',
      left: ['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits'].map((name) =>
        metrics.table(name, { statistic: 'Sum', label: name }),
      ),
    }),
    graph({
      title: 'Table throttles',
      left: ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) =>
        metrics.table(name, { statistic: 'Sum', label: name }),
      ),
    }),
  );
  return dashboard;
}

/** Every function: invocations, errors and cold starts; duration p95. */
export function functionsDashboard(scope: Construct, metrics: StackMetrics, topology: Topology) {
  const dashboard = new cloudwatch.Dashboard(scope, 'Functions', {
    dashboardName: dashboardName(metrics.stackName, 'functions'),
    ...dashboardDefaults,
  });
  dashboard.addWidgets(
    ...topology.functions.map((fn) =>
      graph({
        title: fn.name,
        left: [
          ...['Invocations', 'Errors'].map((name) =>
            metrics.lambda(fn.name, name, { statistic: 'Sum', label: name }),
          ),
          // Powertools Metrics' ColdStart, with the dimensions it gives it.
          metrics.custom(
            'ColdStart',
            { service: fn.name, function_name: awsFunctionName(metrics.stackName, fn.name) },
            { statistic: 'Sum', label: 'cold starts' },
          ),
        ],
        right: [metrics.lambda(fn.name, 'Duration', { statistic: 'p95', label: 'duration p95' })],
      }),
    ),
  );
  return dashboard;
}

/**
 * Every work queue with its dead-letter queue, the other dead-letter queues,
 * the rules' failed deliveries and the schedules.
 */
export function queuesDashboard(
  scope: Construct,
  metrics: StackMetrics,
  topology: Topology,
  runTimeGroup: string | undefined,
) {
  const dashboard = new cloudwatch.Dashboard(scope, 'Queues', {
    dashboardName: dashboardName(metrics.stackName, 'queues'),
    ...dashboardDefaults,
  });
  const visible = (queue: string, label: string) =>
    metrics.queue(queue, 'ApproximateNumberOfMessagesVisible', { statistic: 'Maximum', label });
  const deadLetters = deadLetterQueuesOf(topology);
  const deadLettersOf = (matches: (source: DeadLetterSource) => boolean): string => {
    const found = deadLetters.find((q) => matches(q.source));
    if (!found) throw new Error('a queue or schedule of the topology has no dead-letter queue');
    return found.name;
  };
  dashboard.addWidgets(
    ...topology.queues.map((queue) =>
      graph({
        title: `Queue ${queue.name}`,
        left: [
          visible(queue.name, 'visible'),
          metrics.queue(queue.name, 'ApproximateNumberOfMessagesNotVisible', {
            statistic: 'Maximum',
            label: 'in flight',
          }),
          visible(
            deadLettersOf((source) => source.kind === 'queue' && source.queue === queue.name),
            'dead letters',
          ),
        ],
        right: [
          metrics.queue(queue.name, 'ApproximateAgeOfOldestMessage', {
            statistic: 'Maximum',
            label: 'age of oldest (s)',
          }),
        ],
      }),
    ),
  );
  const otherDeadLetters = deadLetters.filter((q) => q.source.kind !== 'queue');
  dashboard.addWidgets(
    graph({
      title: 'Other dead-letter queues',
      width: 12,
      left: otherDeadLetters.map((q) => visible(q.name, q.name)),
    }),
    graph({
      title: 'Rules: failed deliveries',
      width: 12,
      left: topology.rules.map((rule) =>
        metrics.rule(rule, 'FailedInvocations', { statistic: 'Sum', label: rule.name }),
      ),
    }),
  );
  // EventBridge Scheduler counts per group; a fixed schedule shows as its function's invocations and its DLQ.
  dashboard.addWidgets(
    ...scheduleGroupsOf(metrics.stackName, topology, runTimeGroup).map((group) =>
      graph({
        title: `Schedule group ${group}`,
        left: ['InvocationAttemptCount', 'TargetErrorCount', 'InvocationDroppedCount'].map((name) =>
          metrics.scheduleGroup(group, name, { statistic: 'Sum', label: name }),
        ),
      }),
    ),
    ...topology.schedules.map((schedule) =>
      graph({
        title: `Schedule ${schedule.name} → ${schedule.targetFunction}`,
        left: [
          ...['Invocations', 'Errors'].map((name) =>
            metrics.lambda(schedule.targetFunction, name, { statistic: 'Sum', label: name }),
          ),
          visible(
            deadLettersOf((source) => source.kind === 'schedule' && source.schedule === schedule.name),
            'dead letters',
          ),
        ],
      }),
    ),
  );
  return dashboard;
}
