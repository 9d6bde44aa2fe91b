import { withCurrentCorrelationId } from '#adapters/observability/correlation';
import type { Activity } from '#domain/activities/activity';
import { nextOccurrence, type Schedule } from '#domain/activities/recurrence';
import type { ActivityDueInput, ActivityScheduler } from '#domain/activities/scheduler';
import { canonicalJson } from '#domain/events';
import type { ScheduledStart, SendStarts } from '#domain/newsletters/newsletter-ports';
import type { Clock } from '#domain/ports';
import type { CaseTimerName } from '#domain/service/case';
import type { CaseTimerInput, CaseTimerScheduler } from '#domain/service/case-timers';

interface Entry {
  readonly tenantId: string;
  readonly activityId: string;
  readonly schedule: Schedule;
  readonly timeZone: string;
  next: Date;
  /** Keeps entries due at the same time in the order they were scheduled. */
  readonly order: number;
}

export interface PendingOccurrence {
  readonly tenantId: string;
  readonly activityId: string;
  readonly next: Date;
}

/**
 * EventBridge Scheduler on a laptop: one in-memory schedule per active
 * activity, invoking the `activity-due` handler with the same input a cloud
 * schedule sends (`{ tenantId, activityId, occurrence }`). Occurrences come
 * from the domain's recurrence rules, which the cloud's expressions are
 * built from, so both fire at the same instants.
 *
 * Its time is the clock's plus however far it has been advanced: tests call
 * `advanceTo`/`advanceBy` instead of waiting; `npm start` calls `start()` to
 * fire what is due every second. Schedules live in memory, so the runtime
 * registers active activities again on start (`ActivityService.rescheduleAll`).
 * A one-off whose time has passed fires at the next advance (catching up
 * after a restart); an interval fires from now on, never for the past.
 */
export class LocalScheduler implements ActivityScheduler {
  private readonly entries = new Map<string, Entry>();
  /** One-off timers: cases' clocks (with their input) and newsletters' scheduled starts, by name. */
  private readonly timers = new Map<
    string,
    { input?: CaseTimerInput; fire: () => Promise<void>; at: Date; order: number }
  >();
  private invokeTimer: (input: CaseTimerInput) => Promise<void> = async () => undefined;
  private offsetMillis = 0;
  private order = 0;
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  /** The scheduler's time, for services that must agree with it. */
  readonly clock: Clock = { now: () => this.now() };

  constructor(
    private readonly invokeDue: (input: ActivityDueInput) => Promise<void>,
    private readonly baseClock: Clock = { now: () => new Date() },
  ) {}

  now(): Date {
    return new Date(this.baseClock.now().getTime() + this.offsetMillis);
  }

  async schedule(activity: Activity): Promise<void> {
    const key = keyOf(activity.tenantId, activity.id);
    const existing = this.entries.get(key);
    const unchanged =
      existing &&
      activity.state === 'active' &&
      existing.timeZone === activity.timeZone &&
      canonicalJson(existing.schedule) === canonicalJson(activity.schedule);
    // The same schedule again (a title changed, a request retried) keeps what is pending.
    if (unchanged) return;
    const next =
      activity.state !== 'active'
        ? undefined
        : activity.schedule.kind === 'once'
          ? new Date(activity.schedule.at)
          : nextOccurrence(activity.schedule, activity.timeZone, this.now());
    if (!next) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, {
      tenantId: activity.tenantId,
      activityId: activity.id,
      schedule: activity.schedule,
      timeZone: activity.timeZone,
      next,
      order: this.order++,
    });
  }

  async cancel(tenantId: string, activityId: string): Promise<void> {
    this.entries.delete(keyOf(tenantId, activityId));
  }

  /** The cases' timers on this scheduler, firing `invoke` (the `case-timers` function) when due. */
  caseTimers(invoke: (input: CaseTimerInput) => Promise<void>): CaseTimerScheduler {
    this.invokeTimer = invoke;
    return {
      set: async (input) => {
        this.timers.set(timerKey(input.tenantId, input.caseId, input.timer), {
          input,
          fire: () => this.invokeTimer(input),
          at: new Date(input.at),
          order: this.order++,
        });
      },
      clear: async (tenantId, caseId, timer) => {
        this.timers.delete(timerKey(tenantId, caseId, timer));
      },
    };
  }

  /**
   * Newsletters' scheduled starts: at its time each puts its start message
   * on the sender's queue (`put`), as EventBridge Scheduler's SQS target does.
   */
  sendStarts(put: (body: string) => void): SendStarts {
    const name = (tenantId: string, newsletterId: string) => `newsletter/${tenantId}/${newsletterId}`;
    return {
      schedule: async (tenantId, newsletterId, at) => {
        const start = withCurrentCorrelationId<ScheduledStart>({
          kind: 'start',
          tenantId,
          newsletterId,
          at: at.toISOString(),
        });
        this.timers.set(name(tenantId, newsletterId), {
          fire: async () => put(JSON.stringify(start)),
          at,
          order: this.order++,
        });
      },
      cancel: async (tenantId, newsletterId) => {
        this.timers.delete(name(tenantId, newsletterId));
      },
    };
  }

  /** The pending case timers, soonest first. */
  pendingTimers(): CaseTimerInput[] {
    return [...this.timers.values()]
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)
      .flatMap((t) => (t.input ? [t.input] : []));
  }

  /** Every run-time schedule waiting to fire, soonest first: activities, case timers, newsletter starts. */
  upcoming(): { readonly name: string; readonly at: Date }[] {
    const activities = [...this.entries.values()].map((e) => ({
      name: `activity/${e.tenantId}/${e.activityId}`,
      at: e.next,
    }));
    const timers = [...this.timers].map(([key, t]) => ({
      name: t.input ? `case-timer/${key}` : key,
      at: t.at,
    }));
    return [...activities, ...timers].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** What is scheduled, soonest first. */
  pending(): PendingOccurrence[] {
    return [...this.entries.values()]
      .sort(byDue)
      .map(({ tenantId, activityId, next }) => ({ tenantId, activityId, next }));
  }

  /**
   * Moves time forward to `date`, invoking every occurrence due up to it in
   * order, one at a time, awaiting each. An occurrence whose invocation fails
   * is not repeated (as after EventBridge's retries); the others still fire,
   * and the promise then rejects with the first failure. Calls queue up
   * behind each other.
   */
  advanceTo(date: Date): Promise<void> {
    const run = this.running.then(() => this.fireUpTo(date));
    this.running = run.catch(() => undefined);
    return run;
  }

  advanceBy(millis: number): Promise<void> {
    return this.advanceTo(new Date(this.now().getTime() + millis));
  }

  /** Real time: fires what is due every `intervalMillis` (for `npm start`). */
  start(intervalMillis = 1000, onError: (error: unknown) => void = (e) => console.error(e)): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.advanceTo(this.now()).catch(onError);
    }, intervalMillis);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async fireUpTo(date: Date): Promise<void> {
    const failures: unknown[] = [];
    for (;;) {
      const due = [...this.entries.values()].filter((e) => e.next <= date).sort(byDue)[0];
      const timer = [...this.timers.entries()]
        .filter(([, t]) => t.at <= date)
        .sort(([, a], [, b]) => a.at.getTime() - b.at.getTime() || a.order - b.order)[0];
      if (timer && (!due || timer[1].at < due.next)) {
        // A one-off: gone once fired, as EventBridge deletes it after completion.
        const [key, { fire, at }] = timer;
        this.timers.delete(key);
        this.moveTo(at);
        try {
          await fire();
        } catch (error) {
          failures.push(error);
        }
        continue;
      }
      if (!due) break;
      const occurrence = due.next;
      this.moveTo(occurrence);
      // Move the schedule on first: the handler may cancel or reschedule the activity.
      const following = nextOccurrence(due.schedule, due.timeZone, new Date(occurrence.getTime() + 1));
      if (following) due.next = following;
      else this.entries.delete(keyOf(due.tenantId, due.activityId));
      try {
        await this.invokeDue({
          tenantId: due.tenantId,
          activityId: due.activityId,
          occurrence: occurrence.toISOString(),
        });
      } catch (error) {
        failures.push(error);
      }
    }
    this.moveTo(date);
    if (failures.length > 0) throw failures[0];
  }

  /** Time never goes back. */
  private moveTo(date: Date): void {
    const ahead = date.getTime() - this.now().getTime();
    if (ahead > 0) this.offsetMillis += ahead;
  }
}

const keyOf = (tenantId: string, activityId: string) => `${tenantId}/${activityId}`;
const timerKey = (tenantId: string, caseId: string, timer: CaseTimerName) => `${tenantId}/${caseId}/${timer}`;

const byDue = (a: Entry, b: Entry) => a.next.getTime() - b.next.getTime() || a.order - b.order;
