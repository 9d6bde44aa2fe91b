import type { DeadLetterQueueDescription } from './dead-letter-queues';

/**
 * How a dead-letter queue's messages go back: SQS's move task for a queue's
 * own dead letters; one by one to the target queue for a rule's (SQS moves
 * only dead letters of SQS queues); not at all for invocation records.
 */
export type RedrivePlan =
  | { readonly kind: 'move-task'; readonly queue: string }
  | { readonly kind: 'message-by-message'; readonly queue: string }
  | { readonly kind: 'refused'; readonly reason: string };

const RUNBOOK = 'see the dead-letter queue runbook in docs/operations.md';

export function redrivePlanOf(dlq: DeadLetterQueueDescription): RedrivePlan {
  const source = dlq.source;
  switch (source.kind) {
    case 'queue':
      return { kind: 'move-task', queue: source.queue };
    case 'rule':
      return { kind: 'message-by-message', queue: source.queue };
    case 'stream':
      return {
        kind: 'refused',
        reason: `${dlq.name} holds records of the outbox stream batches ${source.function} could not relay, not messages a queue consumes. Read them with peek, fix the cause, and relay the events again; ${RUNBOOK}.`,
      };
    case 'schedule':
      return {
        kind: 'refused',
        reason: `${dlq.name} holds invocations of ${source.function} the schedule ${source.schedule} could not make, not messages a queue consumes. Read them with peek, fix the cause, and run the job again; ${RUNBOOK}.`,
      };
    case 'run-time-schedules':
      return {
        kind: 'refused',
        reason: `${dlq.name} holds run-time schedule invocations EventBridge Scheduler could not deliver, not messages a queue consumes. Read them with peek, fix the cause, and invoke their targets again; ${RUNBOOK}.`,
      };
  }
}

/** One line for `list`: whether and where the messages can go back. */
export function describeRedrivePlan(plan: RedrivePlan): string {
  switch (plan.kind) {
    case 'move-task':
      return `redrive: back to the ${plan.queue} queue (SQS message move task)`;
    case 'message-by-message':
      return `redrive: to the ${plan.queue} queue, message by message`;
    case 'refused':
      return 'no redrive: invocation records, not queue messages (see peek and docs/operations.md)';
  }
}
