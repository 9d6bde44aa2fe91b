import { ConflictError, type InvalidField, ValidationError } from '#domain/errors';
import { diffFields, type FieldChange } from '#domain/events';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';
import { anchorOf, isInterval, nextOccurrence, type Schedule, supportedIntervals } from './recurrence';

/** What an activity is about: an account, a contact or a lead (nurturing, R-SA-2) of the tenant. */
export const activitySubjectTypes = ['account', 'contact', 'lead'] as const;
export interface ActivitySubject {
  readonly type: (typeof activitySubjectTypes)[number];
  readonly id: string;
}

/**
 * `active` activities are scheduled; `paused` ones keep their schedule but
 * create no tasks until resumed; `cancelled` and `finished` (a one-off that
 * has fired, an interval past its end) are final.
 */
export const activityStates = ['active', 'paused', 'cancelled', 'finished'] as const;
export type ActivityState = (typeof activityStates)[number];

/** The states a client may set; `finished` is reached by the schedule alone. */
export const settableActivityStates = ['active', 'paused', 'cancelled'] as const;
export type SettableActivityState = (typeof settableActivityStates)[number];

/** A scheduled activity on an account or contact (R-CS-6): when due, its owner gets a task. */
export interface Activity extends Stamps {
  readonly subject: ActivitySubject;
  readonly title: string;
  readonly description?: string;
  /** The user who gets the tasks. */
  readonly ownerId: string;
  readonly schedule: Schedule;
  /** The tenant's zone when the activity was created; the schedule's wall-clock times are read in it. */
  readonly timeZone: string;
  readonly state: ActivityState;
}

export interface ActivityDraft {
  readonly title: string;
  readonly description?: string | null;
  /** Defaults to the user who creates the activity. */
  readonly ownerId?: string | null;
  readonly schedule: Schedule;
}

/** Absent fields stay; `description: null` clears it; `schedule` replaces the whole schedule. */
export interface ActivityPatch {
  readonly title?: string;
  readonly description?: string | null;
  readonly ownerId?: string;
  readonly schedule?: Schedule;
  readonly state?: SettableActivityState;
}

const trackedFields = [
  'title',
  'description',
  'ownerId',
  'schedule',
  'state',
] as const satisfies readonly (keyof Activity)[];

const isFinal = (state: ActivityState) => state === 'cancelled' || state === 'finished';

const canonicalInstant = (value: string) => new Date(value).toISOString();

/** Schedulers fire to the second at best (EventBridge Scheduler: within the minute). */
const toTheSecond = (value: string) => new Date(Math.floor(Date.parse(value) / 1000) * 1000).toISOString();

/** Stores every instant in UTC, whatever offset the client wrote it with. */
function normalisedSchedule(schedule: Schedule): Schedule {
  if (schedule.kind === 'once') return { kind: 'once', at: toTheSecond(schedule.at) };
  return {
    kind: 'interval',
    every: schedule.every,
    startAt: canonicalInstant(schedule.startAt),
    ...(schedule.endAt ? { endAt: canonicalInstant(schedule.endAt) } : {}),
  };
}

const invalidInstant = (value: string) => Number.isNaN(Date.parse(value));

/**
 * What is wrong with a schedule: an unknown interval, a start off the
 * minute, a monthly start on a day that not every month has, an end before
 * the start; and, given `now` (the schedule is to be active from then), a
 * one-off in the past or an interval with no occurrence left before its end.
 */
export function scheduleProblems(schedule: Schedule, zone: string, now?: Date): InvalidField[] {
  if (schedule.kind === 'once') {
    if (invalidInstant(schedule.at)) return [{ name: 'schedule.at', reason: 'is not a date and time' }];
    return !now || new Date(schedule.at) > now
      ? []
      : [{ name: 'schedule.at', reason: 'must be in the future' }];
  }
  const problems: InvalidField[] = [];
  if (!isInterval(schedule.every)) {
    problems.push({ name: 'schedule.every', reason: `must be one of ${supportedIntervals.join(', ')}` });
  }
  if (invalidInstant(schedule.startAt)) {
    problems.push({ name: 'schedule.startAt', reason: 'is not a date and time' });
  } else if (new Date(schedule.startAt).getTime() % 60_000 !== 0) {
    problems.push({ name: 'schedule.startAt', reason: 'must be on a whole minute' });
  }
  if (schedule.endAt !== undefined && invalidInstant(schedule.endAt)) {
    problems.push({ name: 'schedule.endAt', reason: 'is not a date and time' });
  }
  if (problems.length > 0) return problems;

  if (schedule.every.endsWith('M')) {
    const { day } = anchorOf(schedule, zone);
    if (day === 29 || day === 30) {
      problems.push({
        name: 'schedule.startAt',
        reason: 'a monthly schedule starts on day 1–28, or on the 31st for the last day of every month',
      });
    }
  }
  if (schedule.endAt !== undefined) {
    const end = new Date(schedule.endAt);
    if (end <= new Date(schedule.startAt)) {
      problems.push({ name: 'schedule.endAt', reason: 'must be after schedule.startAt' });
    } else if (now && problems.length === 0 && nextOccurrence(schedule, zone, now) === undefined) {
      problems.push({ name: 'schedule.endAt', reason: 'no occurrence is left before it' });
    }
  }
  return problems;
}

const blankTitle: InvalidField = { name: 'title', reason: 'must not be blank' };

function titleOf(title: string | undefined): string {
  const trimmed = title?.trim() ?? '';
  if (trimmed.length === 0) throw new ValidationError([blankTitle]);
  return trimmed;
}

const descriptionOf = (description: string | null | undefined) => description?.trim() || undefined;

export function createActivity(
  id: string,
  subject: ActivitySubject,
  draft: ActivityDraft,
  ctx: ChangeContext,
): Activity {
  const title = draft.title?.trim() ?? '';
  const problems = [
    ...(title.length === 0 ? [blankTitle] : []),
    ...scheduleProblems(draft.schedule, ctx.tenant.timeZone, ctx.now),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  const description = descriptionOf(draft.description);
  return {
    ...createdStamps(id, ctx),
    subject,
    title,
    ...(description ? { description } : {}),
    ownerId: draft.ownerId ?? ctx.userId,
    schedule: normalisedSchedule(draft.schedule),
    timeZone: ctx.tenant.timeZone,
    state: 'active',
  };
}

/**
 * Applies a change. A final activity changes no more; a schedule that is
 * changed, or resumed, must still have an occurrence ahead.
 */
export function updateActivity(
  current: Activity,
  patch: ActivityPatch,
  ctx: ChangeContext,
): { activity: Activity; changes: FieldChange[] } {
  if (isFinal(current.state)) {
    throw new ConflictError('invalid-state', `activity ${current.id} is ${current.state} and cannot change`, [
      { name: 'state', reason: `the activity is ${current.state}` },
    ]);
  }
  const state = patch.state ?? current.state;
  const schedule = patch.schedule ? normalisedSchedule(patch.schedule) : current.schedule;
  // A schedule that is (again) to run must have an occurrence ahead; a paused one is only checked for form.
  const runsFromNow = state === 'active' && (patch.schedule !== undefined || current.state !== 'active');
  if (patch.schedule !== undefined || runsFromNow) {
    const given = patch.schedule ?? current.schedule;
    const problems = scheduleProblems(given, current.timeZone, runsFromNow ? ctx.now : undefined);
    if (problems.length > 0) throw new ValidationError(problems);
  }
  const description =
    patch.description === undefined ? current.description : descriptionOf(patch.description);
  const { description: _previous, ...rest } = current;
  const next: Activity = {
    ...rest,
    title: patch.title === undefined ? current.title : titleOf(patch.title),
    ...(description ? { description } : {}),
    ownerId: patch.ownerId ?? current.ownerId,
    schedule,
    state,
  };
  const changes = diffFields(current, next, trackedFields);
  return { activity: changes.length > 0 ? touched(next, ctx) : current, changes };
}

/** The activity after its last occurrence has fired. */
export const finishedActivity = (current: Activity, ctx: ChangeContext): Activity =>
  touched({ ...current, state: 'finished' }, ctx);
