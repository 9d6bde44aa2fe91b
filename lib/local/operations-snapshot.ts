import type { ScheduleDefinition } from '../topology-types';
import type { FunctionStats, LocalFunctions } from './functions';
import type { LocalEventBus } from './local-event-bus';
import type { LocalFailure, LocalFailures } from './local-failures';
import type { LocalQueue, MessageCounts } from './local-queue';
import type { LocalScheduler } from './local-scheduler';

/** One queue as the queues dashboard shows it, with its dead-letter queue. */
export interface QueueRow extends MessageCounts {
  readonly name: string;
  readonly sent: number;
  readonly deliveries: number;
  readonly deleted: number;
  readonly deadLetters: MessageCounts;
}

/** What the local runtime is doing: the data of the AWS dashboards, alarms and saved queries, locally. */
export interface OperationsSnapshot {
  readonly at: string;
  readonly queues: readonly QueueRow[];
  readonly functions: readonly FunctionStats[];
  readonly failures: readonly LocalFailure[];
  readonly eventsRelayed: number;
  readonly businessMetrics: Readonly<Record<string, number>>;
  readonly fixedSchedules: readonly ScheduleDefinition[];
  /** The next run-time schedules to fire (at most 20). */
  readonly upcoming: readonly { readonly name: string; readonly at: string }[];
  readonly upcomingTotal: number;
}

export interface OperationsSources {
  readonly queues: ReadonlyMap<string, LocalQueue>;
  readonly functions: LocalFunctions;
  readonly failures: LocalFailures;
  readonly bus: LocalEventBus;
  readonly scheduler: LocalScheduler;
  readonly fixedSchedules: readonly ScheduleDefinition[];
}

export function operationsSnapshot(sources: OperationsSources): OperationsSnapshot {
  const upcoming = sources.scheduler.upcoming();
  return {
    at: new Date().toISOString(),
    queues: [...sources.queues].map(([name, queue]) => ({
      name,
      ...queue.messageCounts,
      ...queue.counts,
      deadLetters: queue.deadLetterCounts,
    })),
    functions: sources.functions.stats().sort((a, b) => a.name.localeCompare(b.name)),
    failures: sources.failures.recent(),
    eventsRelayed: sources.bus.delivered.filter((d) => d.source.startsWith('gridline.')).length,
    businessMetrics: Object.fromEntries(sources.bus.businessMetrics),
    fixedSchedules: sources.fixedSchedules,
    upcoming: upcoming.slice(0, 20).map((u) => ({ name: u.name, at: u.at.toISOString() })),
    upcomingTotal: upcoming.length,
  };
}
