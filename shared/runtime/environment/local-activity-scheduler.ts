import type { ActivityScheduler } from '#domain/activities/scheduler';

/** The slot through which the local runtime hands its in-process scheduler to the functions it loads. */
const localSchedulerSlot = Symbol.for('gridline.localActivityScheduler');
type WithLocalScheduler = { [localSchedulerSlot]?: ActivityScheduler };

/**
 * Locally, the runtime creates one in-process scheduler and registers it
 * here before any function runs; with `ACTIVITY_SCHEDULER=local` the
 * functions use it. (The functions are loaded in the runtime's process, as
 * Lambda loads a bundle, so this is the only thing shared with them.)
 */
export function registerLocalActivityScheduler(scheduler: ActivityScheduler | undefined): void {
  (globalThis as WithLocalScheduler)[localSchedulerSlot] = scheduler;
}

/** The registered scheduler, looked up on each call: the function module may load before the runtime registers it. */
export function localActivityScheduler(): ActivityScheduler {
  const found = () => {
    const scheduler = (globalThis as WithLocalScheduler)[localSchedulerSlot];
    if (!scheduler) throw new Error('ACTIVITY_SCHEDULER=local, but no local scheduler is registered');
    return scheduler;
  };
  return {
    schedule: (activity) => found().schedule(activity),
    cancel: (tenantId, activityId) => found().cancel(tenantId, activityId),
  };
}
