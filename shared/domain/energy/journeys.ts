import { ConflictError, type InvalidField, ValidationError } from '#domain/errors';
import { isCalendarDate, type MeterReading, readingProblems } from './meter-readings';

/**
 * Customer journeys (R-SP-6): each a process with an explicit state machine.
 *
 *   requested ─submit→ submitted ─confirm→ confirmed ─make-effective→ effective
 *                          └─reject→ rejected
 *   requested | submitted | confirmed ─cancel→ cancelled
 *
 * `effective`, `rejected` and `cancelled` are final. What an action needs
 * depends on the journey type:
 *
 * | action         | needs                                                                |
 * |----------------|----------------------------------------------------------------------|
 * | submit         | `effectiveDate` for every type but new-installation (the requested   |
 * |                | date of the switch, move or termination)                             |
 * | confirm        | `effectiveDate` for a new installation (the distributor sets it);     |
 * |                | any other type may pass one to replace the requested date            |
 * | reject         | `reason`                                                             |
 * | make-effective | move-in, new-installation: `openingReading`;                         |
 * |                | move-out, termination: `closingReading`;                             |
 * |                | supplier-switch: an optional `openingReading` (the switch reading)   |
 * | cancel         | an optional `reason`                                                 |
 */
export const journeyTypes = [
  'supplier-switch',
  'move-in',
  'move-out',
  'new-installation',
  'termination',
] as const;
export type JourneyType = (typeof journeyTypes)[number];

export const journeyStates = [
  'requested',
  'submitted',
  'confirmed',
  'rejected',
  'effective',
  'cancelled',
] as const;
export type JourneyState = (typeof journeyStates)[number];

export const journeyActions = ['submit', 'confirm', 'reject', 'make-effective', 'cancel'] as const;
export type JourneyAction = (typeof journeyActions)[number];

/** One transition, as the journey's history and its event show it. */
export interface JourneyStep {
  readonly action: JourneyAction;
  readonly from: JourneyState;
  readonly to: JourneyState;
  readonly at: string;
}

export interface Journey {
  readonly id: string;
  readonly type: JourneyType;
  readonly state: JourneyState;
  readonly version: number;
  readonly accountId: string;
  readonly supplyPointId: string;
  /** YYYY-MM-DD: the date the switch, move, installation or termination takes effect. */
  readonly effectiveDate?: string;
  readonly openingReading?: MeterReading;
  readonly closingReading?: MeterReading;
  /** Why it was rejected or cancelled. */
  readonly reason?: string;
  readonly history: readonly JourneyStep[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface JourneyDraft {
  readonly type: JourneyType;
  readonly accountId: string;
  readonly supplyPointId: string;
  readonly effectiveDate?: string;
}

/** What an action may carry; which fields it needs is in the table above. */
export interface TransitionInput {
  readonly effectiveDate?: string;
  readonly openingReading?: MeterReading;
  readonly closingReading?: MeterReading;
  readonly reason?: string;
}

/** Makes a `switch` over a union exhaustive: a forgotten member no longer compiles. */
export function assertUnreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}

/** The actions a journey in `state` allows; none in a final state. */
export function allowedActions(state: JourneyState): readonly JourneyAction[] {
  switch (state) {
    case 'requested':
      return ['submit', 'cancel'];
    case 'submitted':
      return ['confirm', 'reject', 'cancel'];
    case 'confirmed':
      return ['make-effective', 'cancel'];
    case 'rejected':
    case 'effective':
    case 'cancelled':
      return [];
    default:
      return assertUnreachable(state);
  }
}

export function isFinal(state: JourneyState): boolean {
  return allowedActions(state).length === 0;
}

/** The state an allowed action leads to. */
function targetState(action: JourneyAction): JourneyState {
  switch (action) {
    case 'submit':
      return 'submitted';
    case 'confirm':
      return 'confirmed';
    case 'reject':
      return 'rejected';
    case 'make-effective':
      return 'effective';
    case 'cancel':
      return 'cancelled';
    default:
      return assertUnreachable(action);
  }
}

/** Where a journey type needs a meter reading to become effective. */
function readingToBecomeEffective(type: JourneyType): 'openingReading' | 'closingReading' | undefined {
  switch (type) {
    case 'move-in':
    case 'new-installation':
      return 'openingReading';
    case 'move-out':
    case 'termination':
      return 'closingReading';
    case 'supplier-switch':
      return undefined;
    default:
      return assertUnreachable(type);
  }
}

function checkEffectiveDate(
  value: string | undefined,
  required: string | undefined,
  invalid: InvalidField[],
): void {
  if (value === undefined) {
    if (required !== undefined) invalid.push({ name: 'effectiveDate', reason: required });
  } else if (!isCalendarDate(value)) {
    invalid.push({ name: 'effectiveDate', reason: 'must be a date written YYYY-MM-DD' });
  }
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim().length === 0;
}

/** Starts a journey in `requested`, version 1. */
export function openJourney(id: string, draft: JourneyDraft, now: Date): Journey {
  const invalid: InvalidField[] = [];
  if (!journeyTypes.includes(draft.type)) {
    invalid.push({ name: 'type', reason: `must be one of ${journeyTypes.join(', ')}` });
  }
  if (blank(draft.accountId)) invalid.push({ name: 'accountId', reason: 'is required' });
  if (blank(draft.supplyPointId)) invalid.push({ name: 'supplyPointId', reason: 'is required' });
  checkEffectiveDate(draft.effectiveDate, undefined, invalid);
  if (invalid.length > 0) throw new ValidationError(invalid);
  const at = now.toISOString();
  return {
    id,
    type: draft.type,
    state: 'requested',
    version: 1,
    accountId: draft.accountId,
    supplyPointId: draft.supplyPointId,
    ...(draft.effectiveDate === undefined ? {} : { effectiveDate: draft.effectiveDate }),
    history: [],
    createdAt: at,
    updatedAt: at,
  };
}

/** The fields `action` sets on a journey of `type`; throws a ValidationError for what is missing. */
function changesOf(
  journey: Journey,
  action: JourneyAction,
  input: TransitionInput,
): Partial<Pick<Journey, 'effectiveDate' | 'openingReading' | 'closingReading' | 'reason'>> {
  const invalid: InvalidField[] = [];
  let changes: Partial<Pick<Journey, 'effectiveDate' | 'openingReading' | 'closingReading' | 'reason'>> = {};
  switch (action) {
    case 'submit': {
      const effectiveDate = input.effectiveDate ?? journey.effectiveDate;
      const required =
        journey.type === 'new-installation' ? undefined : `is needed to submit a ${journey.type}`;
      checkEffectiveDate(effectiveDate, required, invalid);
      if (effectiveDate !== undefined) changes = { effectiveDate };
      break;
    }
    case 'confirm': {
      const effectiveDate = input.effectiveDate ?? journey.effectiveDate;
      checkEffectiveDate(effectiveDate, `is needed to confirm a ${journey.type}`, invalid);
      if (effectiveDate !== undefined) changes = { effectiveDate };
      break;
    }
    case 'reject':
      if (blank(input.reason)) invalid.push({ name: 'reason', reason: 'say why the journey was rejected' });
      else changes = { reason: input.reason?.trim() };
      break;
    case 'make-effective': {
      const needed = readingToBecomeEffective(journey.type);
      for (const field of ['openingReading', 'closingReading'] as const) {
        const reading = input[field];
        if (reading === undefined) {
          if (field === needed) {
            invalid.push({ name: field, reason: `a ${journey.type} needs one to become effective` });
          }
          continue;
        }
        if (field !== needed && !(journey.type === 'supplier-switch' && field === 'openingReading')) {
          invalid.push({ name: field, reason: `a ${journey.type} does not take one` });
          continue;
        }
        invalid.push(...readingProblems(reading, `${field}.`));
        changes = { ...changes, [field]: reading };
      }
      break;
    }
    case 'cancel':
      if (!blank(input.reason)) changes = { reason: input.reason?.trim() };
      break;
    default:
      return assertUnreachable(action);
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
  return changes;
}

/**
 * The journey after `action`: the next state, the action's fields, one more
 * history step, version + 1. Pure: `journey` is not changed. Throws a
 * ConflictError naming the current state and the allowed actions when the
 * state does not allow `action` (HTTP 409), and a ValidationError naming the
 * missing or invalid input (HTTP 400).
 */
export function transition<J extends Journey>(
  journey: J,
  action: JourneyAction,
  input: TransitionInput,
  now: Date,
): J {
  const allowed = allowedActions(journey.state);
  if (!allowed.includes(action)) {
    const options =
      allowed.length === 0
        ? `${journey.state} is final: no action is allowed`
        : `allowed: ${allowed.join(', ')}`;
    throw new ConflictError(
      'invalid-state',
      `${journey.type} journey ${journey.id} is ${journey.state}; cannot ${action} (${options})`,
      [{ name: 'state', reason: `is ${journey.state}` }],
    );
  }
  const changes = changesOf(journey, action, input);
  const to = targetState(action);
  const at = now.toISOString();
  return {
    ...journey,
    ...changes,
    state: to,
    version: journey.version + 1,
    history: [...journey.history, { action, from: journey.state, to, at }],
    updatedAt: at,
  };
}
