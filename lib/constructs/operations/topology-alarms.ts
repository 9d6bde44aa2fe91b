import { awsFixedScheduleGroupName } from '../../operations/aws-names';
import { type DeadLetterSource, deadLetterQueuesOf } from '../../operations/dead-letter-queues';
import type { Topology } from '../../topology-types';
import type { AlarmFactory } from './alarm-factory';
import type { StackMetrics } from './metrics';
import { type RunbookSection, runbook } from './runbook';

/**
 * How old a work queue's oldest message may get: three visibility timeouts
 * (three failed or slow receives in a row), and never under 15 minutes, the
 * longest delay SQS allows, so a message a consumer delays on purpose (the
 * newsletter sender's pages waiting for another delivery) never fires it alone.
 */
export const oldestMessageAlarmSeconds = (visibilityTimeoutSeconds: number): number =>
  Math.max(900, 3 * visibilityTimeoutSeconds);

/** A Duration Maximum above this share of the timeout means invocations are about to time out. */
const durationShareOfTimeout = 0.95;

/** Where a dead-letter queue's runbook is, by what feeds it. */
const deadLetterRunbook: Record<DeadLetterSource['kind'], RunbookSection> = {
  queue: runbook.deadLetters,
  rule: runbook.deadLetters,
  schedule: runbook.scheduleDeadLetters,
  stream: runbook.streamFailures,
  'run-time-schedules': runbook.runTimeSchedules,
};

/** Every function's errors, throttles and duration; the outbox relay's iterator age. */
export function functionAlarms(alarms: AlarmFactory, metrics: StackMetrics, topology: Topology): void {
  for (const fn of topology.functions) {
    alarms.add(`Fn-${fn.name}-Errors`, {
      name: `fn-${fn.name}-errors`,
      metric: metrics.lambda(fn.name, 'Errors', { statistic: 'Sum' }),
      threshold: 0,
      meaning: `${fn.name} failed an invocation (it threw, timed out or ran out of memory).`,
      runbook: runbook.function,
    });
    alarms.add(`Fn-${fn.name}-Throttles`, {
      name: `fn-${fn.name}-throttles`,
      metric: metrics.lambda(fn.name, 'Throttles', { statistic: 'Sum' }),
      threshold: 0,
      meaning: `Lambda refused to run ${fn.name}: the account's or the function's concurrency is used up.`,
      runbook: runbook.function,
    });
    alarms.add(`Fn-${fn.name}-Duration`, {
      name: `fn-${fn.name}-duration`,
      metric: metrics.lambda(fn.name, 'Duration', { statistic: 'Maximum' }),
      threshold: Math.round(fn.timeoutSeconds * 1000 * durationShareOfTimeout),
      meaning: `An invocation of ${fn.name} took over 95 % of its ${fn.timeoutSeconds} s timeout.`,
      runbook: runbook.function,
    });
    if (fn.trigger.kind === 'outbox-stream') {
      // Sustained, not a single minute: a batch under retry (bisected, up to ten times) is old for a while.
      alarms.add(`Fn-${fn.name}-IteratorAge`, {
        name: `fn-${fn.name}-iterator-age`,
        metric: metrics.lambda(fn.name, 'IteratorAge', { statistic: 'Maximum' }),
        threshold: 10_000,
        evaluationPeriods: 5,
        meaning: `${fn.name} has been more than 10 s behind the table stream for 5 minutes: events reach the bus late.`,
        runbook: runbook.outboxRelay,
      });
    }
  }
}

/** Every work queue's oldest message, every dead-letter queue's first message. */
export function queueAlarms(alarms: AlarmFactory, metrics: StackMetrics, topology: Topology): void {
  for (const queue of topology.queues) {
    const seconds = oldestMessageAlarmSeconds(queue.visibilityTimeoutSeconds);
    alarms.add(`Queue-${queue.name}-Age`, {
      name: `queue-${queue.name}-age`,
      metric: metrics.queue(queue.name, 'ApproximateAgeOfOldestMessage', { statistic: 'Maximum' }),
      threshold: seconds,
      meaning: `A message has waited over ${seconds} s in the ${queue.name} queue: its consumer is failing, throttled or too slow.`,
      runbook: runbook.queue,
    });
  }
  for (const deadLetters of deadLetterQueuesOf(topology)) {
    alarms.add(`DeadLetters-${deadLetters.name}`, {
      name: `${deadLetters.name}-not-empty`,
      metric: metrics.queue(deadLetters.name, 'ApproximateNumberOfMessagesVisible', {
        statistic: 'Maximum',
      }),
      threshold: 1,
      atLeast: true,
      meaning: `${deadLetters.holds} landed in the dead-letter queue ${deadLetters.name}.`,
      runbook: deadLetterRunbook[deadLetters.source.kind],
    });
  }
}

/** The schedule groups the stack's schedules are in: the fixed ones' and the run-time ones'. */
export function scheduleGroupsOf(
  stackName: string,
  topology: Topology,
  runTimeGroup: string | undefined,
): string[] {
  return [
    ...(topology.schedules.length > 0 ? [awsFixedScheduleGroupName(stackName)] : []),
    ...(runTimeGroup ? [runTimeGroup] : []),
  ];
}

/** Every rule's failed deliveries; every schedule group's target errors and dropped invocations. */
export function deliveryAlarms(
  alarms: AlarmFactory,
  metrics: StackMetrics,
  topology: Topology,
  runTimeGroup: string | undefined,
): void {
  for (const rule of topology.rules) {
    alarms.add(`Rule-${rule.name}-FailedInvocations`, {
      name: `rule-${rule.name}-failed-invocations`,
      metric: metrics.rule(rule, 'FailedInvocations', { statistic: 'Sum' }),
      threshold: 1,
      atLeast: true,
      meaning: `The rule ${rule.name} failed to deliver events to the ${rule.targetQueue} queue for good.`,
      runbook: runbook.delivery,
    });
  }
  for (const group of scheduleGroupsOf(metrics.stackName, topology, runTimeGroup)) {
    alarms.add(`ScheduleGroup-${group}-TargetErrors`, {
      name: `schedule-group-${group}-target-errors`,
      metric: metrics.scheduleGroup(group, 'TargetErrorCount', { statistic: 'Sum' }),
      threshold: 1,
      atLeast: true,
      meaning: `EventBridge Scheduler's call to the target of a schedule in the group ${group} failed.`,
      runbook: runbook.delivery,
    });
    alarms.add(`ScheduleGroup-${group}-Dropped`, {
      name: `schedule-group-${group}-dropped`,
      metric: metrics.scheduleGroup(group, 'InvocationDroppedCount', { statistic: 'Sum' }),
      threshold: 1,
      atLeast: true,
      meaning: `EventBridge Scheduler gave up on an invocation of a schedule in the group ${group} after its retries.`,
      runbook: runbook.delivery,
    });
  }
}
