import type { FunctionDefinition, ScheduleDefinition } from '../topology-types';

/** What a fixed schedule hands its function: the day to work on, today when absent. */
export interface ScheduledJobInput {
  readonly day?: string;
}

const dayMillis = 24 * 60 * 60 * 1000;

/** How often a schedule's expression fires: `rate(…)` as given; any `cron(…)` here is daily. */
export function periodOf(expression: string): number {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!rate) return dayMillis;
  const unit = rate[2]?.startsWith('minute') ? 60_000 : rate[2]?.startsWith('hour') ? 3_600_000 : dayMillis;
  return Number(rate[1]) * unit;
}

/**
 * The topology's fixed schedules (EventBridge Scheduler in AWS) on a laptop:
 * `run(name)` fires one now (tests, and the local runtime on start), and
 * `start()` fires each on its period while `npm start` runs.
 */
export class LocalFixedSchedules {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly schedules: readonly ScheduleDefinition[],
    private readonly functions: readonly FunctionDefinition[],
    private readonly invoke: (fn: FunctionDefinition, input: ScheduledJobInput) => Promise<unknown>,
  ) {}

  async run(name: string, input: ScheduledJobInput = {}): Promise<void> {
    const schedule = this.schedules.find((s) => s.name === name);
    if (!schedule) throw new Error(`the topology has no schedule ${name}`);
    const target = this.functions.find((f) => f.name === schedule.targetFunction);
    if (!target) throw new Error(`schedule ${name} targets the unknown function ${schedule.targetFunction}`);
    await this.invoke(target, input);
  }

  start(onError: (name: string, error: unknown) => void): void {
    for (const schedule of this.schedules) {
      const timer = setInterval(() => {
        this.run(schedule.name).catch((error: unknown) => onError(schedule.name, error));
      }, periodOf(schedule.expression));
      timer.unref();
      this.timers.push(timer);
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }
}
