import type { Topology } from '../topology-types';

/**
 * Where a dead-letter queue's messages came from, and so whether and where
 * they can go back: SQS moves a queue's own dead letters back to it
 * (StartMessageMoveTask); an EventBridge rule's are the events it could not
 * put on its queue, so they go to that queue; a schedule's, the stream
 * mapping's and the run-time schedules' are invocation records of a function,
 * which no queue consumes: those are read, fixed at the cause and deleted.
 */
export type DeadLetterSource =
  | { readonly kind: 'queue'; readonly queue: string }
  | { readonly kind: 'rule'; readonly rule: string; readonly queue: string }
  | { readonly kind: 'schedule'; readonly schedule: string; readonly function: string }
  | { readonly kind: 'stream'; readonly function: string }
  | { readonly kind: 'run-time-schedules' };

/** One dead-letter queue of the topology. */
export interface DeadLetterQueueDescription {
  /** Its name without the stack's prefix: `audit-dlq`, `rule-audit-all-dlq`. */
  readonly name: string;
  /** What lands in it, for alarm descriptions and `npm run dlq -- list`. */
  readonly holds: string;
  readonly source: DeadLetterSource;
}

/** A queue's name in AWS: the stack's name, then the topology's (SQS allows 80 characters). */
export function awsQueueName(stackName: string, name: string): string {
  const queueName = `${stackName}-${name}`;
  if (queueName.length > 80 || !/^[\w-]+$/.test(queueName)) {
    throw new Error(`the queue name ${queueName} is not a valid SQS queue name`);
  }
  return queueName;
}

/** Every dead-letter queue the topology makes, in the order the stack makes them. */
export function deadLetterQueuesOf(topology: Topology): DeadLetterQueueDescription[] {
  const queues = topology.queues.map(
    (queue): DeadLetterQueueDescription => ({
      name: `${queue.name}-dlq`,
      holds: `Messages of the ${queue.name} queue that failed ${queue.maxReceiveCount} times`,
      source: { kind: 'queue', queue: queue.name },
    }),
  );
  const rules = topology.rules.map(
    (rule): DeadLetterQueueDescription => ({
      name: `rule-${rule.name}-dlq`,
      holds: `Events the rule ${rule.name} could not deliver to the ${rule.targetQueue} queue`,
      source: { kind: 'rule', rule: rule.name, queue: rule.targetQueue },
    }),
  );
  const streams = topology.functions.flatMap((fn): DeadLetterQueueDescription[] =>
    fn.trigger.kind === 'outbox-stream'
      ? [
          {
            name: `${fn.name}-stream-dlq`,
            holds: `Outbox records ${fn.name} could not relay after all retries`,
            source: { kind: 'stream', function: fn.name },
          },
        ]
      : [],
  );
  const schedules = topology.schedules.map(
    (schedule): DeadLetterQueueDescription => ({
      name: `schedule-${schedule.name}-dlq`,
      holds: `Invocations of ${schedule.targetFunction} the schedule ${schedule.name} could not make`,
      source: { kind: 'schedule', schedule: schedule.name, function: schedule.targetFunction },
    }),
  );
  const runTime = topology.functions.some(
    (f) => f.access.manageSchedulesFor !== undefined || f.access.scheduleToQueue !== undefined,
  )
    ? [
        {
          name: 'run-time-schedules-dlq',
          holds: 'Run-time schedule invocations EventBridge Scheduler could not deliver',
          source: { kind: 'run-time-schedules' } as const,
        },
      ]
    : [];
  return [...queues, ...rules, ...streams, ...schedules, ...runTime];
}

/**
 * The functions run-time schedules invoke (some function's `manageSchedulesFor`):
 * their failed asynchronous invocations go to the run-time schedules'
 * dead-letter queue as Lambda on-failure destination.
 */
export const runTimeScheduleTargetsOf = (topology: Topology): string[] => [
  ...new Set(topology.functions.flatMap((f) => f.access.manageSchedulesFor ?? [])),
];
