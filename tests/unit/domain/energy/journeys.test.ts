import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  assertUnreachable,
  isFinal,
  type Journey,
  type JourneyAction,
  type JourneyState,
  type JourneyType,
  journeyStates,
  openJourney,
  type TransitionInput,
  transition,
} from '#domain/energy/journeys';
import type { MeterReading } from '#domain/energy/meter-readings';
import { ConflictError, ValidationError } from '#domain/errors';

const openedAt = new Date('2025-03-01T09:00:00.000Z');
const later = (day: number) => new Date(`2025-03-${String(day).padStart(2, '0')}T10:00:00.000Z`);

const reading: MeterReading = {
  register: '1.8.0',
  date: '2025-04-01',
  value: 12_345,
  kind: 'actual',
  meterNumber: 'M-100',
};

function journey(type: JourneyType, effectiveDate?: string): Journey {
  return openJourney(
    'jrn-1',
    { type, accountId: 'acc-1', supplyPointId: 'sp-1', ...(effectiveDate ? { effectiveDate } : {}) },
    openedAt,
  );
}

/** Runs the steps in order, each a day later, and gives the journey after the last. */
function walk(start: Journey, steps: readonly [JourneyAction, TransitionInput][]): Journey {
  return steps.reduce(
    (current, [action, input], i) => transition(current, action, input, later(i + 2)),
    start,
  );
}

/** Catches the error of type `type` a call throws, failing the test when it throws none. */
function errorOf<E extends Error>(type: new (...args: never[]) => E, act: () => unknown): E {
  try {
    act();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but the call succeeded`);
}

/** A journey forced into `state`, as if it had been walked there. */
function inState(state: JourneyState, type: JourneyType = 'supplier-switch'): Journey {
  return { ...journey(type, '2025-04-01'), state };
}

describe('openJourney', () => {
  it('starts a journey as requested, version 1, without history', () => {
    // Act
    const opened = journey('supplier-switch', '2025-04-01');

    // Assess
    expect(opened).toEqual({
      id: 'jrn-1',
      type: 'supplier-switch',
      state: 'requested',
      version: 1,
      accountId: 'acc-1',
      supplyPointId: 'sp-1',
      effectiveDate: '2025-04-01',
      history: [],
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
    });
  });

  it('refuses an unknown type, missing references and a malformed date, naming each', () => {
    // Prepare
    const draft = {
      type: 'relocation' as JourneyType,
      accountId: '',
      supplyPointId: ' ',
      effectiveDate: '01.04.2025',
    };

    // Act
    const error = errorOf(ValidationError, () => openJourney('jrn-1', draft, openedAt));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['type', 'accountId', 'supplyPointId', 'effectiveDate']);
  });
});

describe('allowedActions', () => {
  it.each([
    ['requested', ['submit', 'cancel']],
    ['submitted', ['confirm', 'reject', 'cancel']],
    ['confirmed', ['make-effective', 'cancel']],
    ['rejected', []],
    ['effective', []],
    ['cancelled', []],
  ] as const)('allows %s to %j', (state, expected) => {
    // Act
    const actions = allowedActions(state);

    // Assess
    expect(actions).toEqual(expected);
  });

  it('makes exactly effective, rejected and cancelled final', () => {
    // Act
    const finals = journeyStates.filter(isFinal);

    // Assess
    expect(finals).toEqual(['rejected', 'effective', 'cancelled']);
  });
});

describe('assertUnreachable', () => {
  it('throws when a value the types rule out reaches it at run time', () => {
    // Act
    const act = () => assertUnreachable('archived' as never);

    // Assess
    expect(act).toThrow('unexpected value archived');
  });
});

describe('transition through the happy paths', () => {
  it('walks a supplier switch to effective, recording each step', () => {
    // Prepare
    const start = journey('supplier-switch');

    // Act
    const done = walk(start, [
      ['submit', { effectiveDate: '2025-04-01' }],
      ['confirm', {}],
      ['make-effective', {}],
    ]);

    // Assess
    expect(done).toMatchObject({ state: 'effective', version: 4, effectiveDate: '2025-04-01' });
    expect(done.history).toEqual([
      { action: 'submit', from: 'requested', to: 'submitted', at: '2025-03-02T10:00:00.000Z' },
      { action: 'confirm', from: 'submitted', to: 'confirmed', at: '2025-03-03T10:00:00.000Z' },
      { action: 'make-effective', from: 'confirmed', to: 'effective', at: '2025-03-04T10:00:00.000Z' },
    ]);
    expect(done.updatedAt).toBe('2025-03-04T10:00:00.000Z');
    expect(done.createdAt).toBe('2025-03-01T09:00:00.000Z');
  });

  it('keeps the switch reading of a supplier switch when one is given', () => {
    // Act
    const done = walk(journey('supplier-switch', '2025-04-01'), [
      ['submit', {}],
      ['confirm', {}],
      ['make-effective', { openingReading: reading }],
    ]);

    // Assess
    expect(done.openingReading).toEqual(reading);
  });

  it('walks a move-in to effective with its opening reading', () => {
    // Act
    const done = walk(journey('move-in', '2025-04-01'), [
      ['submit', {}],
      ['confirm', {}],
      ['make-effective', { openingReading: reading }],
    ]);

    // Assess
    expect(done).toMatchObject({ state: 'effective', version: 4, openingReading: reading });
    expect(done.closingReading).toBeUndefined();
  });

  it.each(['move-out', 'termination'] as const)(
    'walks a %s to effective with its closing reading',
    (type) => {
      // Act
      const done = walk(journey(type, '2025-04-01'), [
        ['submit', {}],
        ['confirm', {}],
        ['make-effective', { closingReading: reading }],
      ]);

      // Assess
      expect(done).toMatchObject({ state: 'effective', version: 4, closingReading: reading });
    },
  );

  it('walks a new installation, whose date the distributor sets on confirmation', () => {
    // Act
    const done = walk(journey('new-installation'), [
      ['submit', {}],
      ['confirm', { effectiveDate: '2025-05-12' }],
      ['make-effective', { openingReading: { ...reading, value: 0 } }],
    ]);

    // Assess
    expect(done).toMatchObject({
      state: 'effective',
      effectiveDate: '2025-05-12',
      openingReading: { value: 0 },
    });
  });

  it('lets the confirmation replace the requested date', () => {
    // Act
    const confirmed = walk(journey('move-out', '2025-04-01'), [
      ['submit', {}],
      ['confirm', { effectiveDate: '2025-04-03' }],
    ]);

    // Assess
    expect(confirmed.effectiveDate).toBe('2025-04-03');
  });

  it('rejects a submitted journey with a reason', () => {
    // Act
    const rejected = walk(journey('supplier-switch', '2025-04-01'), [
      ['submit', {}],
      ['reject', { reason: '  Contract with the current supplier is still binding  ' }],
    ]);

    // Assess
    expect(rejected).toMatchObject({
      state: 'rejected',
      version: 3,
      reason: 'Contract with the current supplier is still binding',
    });
  });

  it.each(['requested', 'submitted', 'confirmed'] as const)('cancels a journey that is %s', (state) => {
    // Act
    const cancelled = transition(
      inState(state),
      'cancel',
      { reason: 'Customer changed their mind' },
      later(5),
    );

    // Assess
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      version: 2,
      reason: 'Customer changed their mind',
    });
    expect(cancelled.history.at(-1)).toEqual({
      action: 'cancel',
      from: state,
      to: 'cancelled',
      at: '2025-03-05T10:00:00.000Z',
    });
  });

  it('cancels without a reason', () => {
    // Act
    const cancelled = transition(inState('requested'), 'cancel', {}, later(5));

    // Assess
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.reason).toBeUndefined();
  });

  it('leaves the given journey unchanged', () => {
    // Prepare
    const start = journey('supplier-switch', '2025-04-01');
    const before = structuredClone(start);

    // Act
    transition(start, 'submit', {}, later(2));

    // Assess
    expect(start).toEqual(before);
  });

  it("keeps the fields a caller's own journey type adds", () => {
    // Prepare
    const stored = {
      ...journey('supplier-switch', '2025-04-01'),
      tenantId: 'tenant-sk',
      updatedBy: 'user-1',
    };

    // Act
    const submitted = transition(stored, 'submit', {}, later(2));

    // Assess
    expect(submitted).toMatchObject({ tenantId: 'tenant-sk', updatedBy: 'user-1', state: 'submitted' });
  });
});

describe('transition refuses illegal actions', () => {
  it.each([
    ['requested', 'confirm', 'allowed: submit, cancel'],
    ['requested', 'make-effective', 'allowed: submit, cancel'],
    ['submitted', 'submit', 'allowed: confirm, reject, cancel'],
    ['confirmed', 'reject', 'allowed: make-effective, cancel'],
  ] as const)(
    'refuses to %2$s a %1$s journey, naming the state and the allowed actions',
    (state, action, allowed) => {
      // Act
      const error = errorOf(ConflictError, () => transition(inState(state), action, {}, later(5)));

      // Assess
      expect(error.message).toBe(`supplier-switch journey jrn-1 is ${state}; cannot ${action} (${allowed})`);
      expect(error.fields).toEqual([{ name: 'state', reason: `is ${state}` }]);
    },
  );

  it.each(['effective', 'rejected', 'cancelled'] as const)(
    'refuses every action on a %s journey',
    (state) => {
      // Act
      const messages = (['submit', 'confirm', 'reject', 'make-effective', 'cancel'] as const).map(
        (action) => errorOf(ConflictError, () => transition(inState(state), action, {}, later(5))).message,
      );

      // Assess
      for (const message of messages) expect(message).toContain(`${state} is final: no action is allowed`);
    },
  );

  it('checks the state before the input', () => {
    // Act: an effective journey, and an action missing its input as well
    const error = errorOf(Error, () =>
      transition(inState('effective', 'move-in'), 'make-effective', {}, later(5)),
    );

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
  });
});

describe('transition refuses missing or invalid input', () => {
  it.each(['supplier-switch', 'move-in', 'move-out', 'termination'] as const)(
    'needs an effective date to submit a %s',
    (type) => {
      // Act
      const error = errorOf(ValidationError, () => transition(journey(type), 'submit', {}, later(2)));

      // Assess
      expect(error.fields).toEqual([{ name: 'effectiveDate', reason: `is needed to submit a ${type}` }]);
    },
  );

  it('submits a new installation without a date', () => {
    // Act
    const submitted = transition(journey('new-installation'), 'submit', {}, later(2));

    // Assess
    expect(submitted.state).toBe('submitted');
    expect(submitted.effectiveDate).toBeUndefined();
  });

  it('needs an effective date to confirm a new installation', () => {
    // Prepare
    const submitted = transition(journey('new-installation'), 'submit', {}, later(2));

    // Act
    const error = errorOf(ValidationError, () => transition(submitted, 'confirm', {}, later(3)));

    // Assess
    expect(error.fields).toEqual([
      { name: 'effectiveDate', reason: 'is needed to confirm a new-installation' },
    ]);
  });

  it('refuses an effective date that is not a calendar date', () => {
    // Act
    const error = errorOf(ValidationError, () =>
      transition(journey('supplier-switch'), 'submit', { effectiveDate: '2025-02-30' }, later(2)),
    );

    // Assess
    expect(error.fields).toEqual([{ name: 'effectiveDate', reason: 'must be a date written YYYY-MM-DD' }]);
  });

  it('needs a reason to reject', () => {
    // Act
    const error = errorOf(ValidationError, () =>
      transition(inState('submitted'), 'reject', { reason: ' ' }, later(5)),
    );

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['reason']);
  });

  it.each([
    ['move-in', 'openingReading'],
    ['new-installation', 'openingReading'],
    ['move-out', 'closingReading'],
    ['termination', 'closingReading'],
  ] as const)('needs a reading to make a %s effective: %s', (type, field) => {
    // Act
    const error = errorOf(ValidationError, () =>
      transition(inState('confirmed', type), 'make-effective', {}, later(5)),
    );

    // Assess
    expect(error.fields).toEqual([{ name: field, reason: `a ${type} needs one to become effective` }]);
  });

  it('refuses the reading a journey type does not take', () => {
    // Act
    const moveIn = errorOf(ValidationError, () =>
      transition(
        inState('confirmed', 'move-in'),
        'make-effective',
        { openingReading: reading, closingReading: reading },
        later(5),
      ),
    );
    const moveOut = errorOf(ValidationError, () =>
      transition(inState('confirmed', 'move-out'), 'make-effective', { openingReading: reading }, later(5)),
    );

    // Assess
    expect(moveIn.fields).toEqual([{ name: 'closingReading', reason: 'a move-in does not take one' }]);
    expect(moveOut.fields.map((f) => f.name)).toEqual(['openingReading', 'closingReading']);
  });

  it("names the invalid fields of a reading under the reading's name", () => {
    // Prepare
    const bad = { ...reading, value: -1, date: '2025-04-31' };

    // Act
    const error = errorOf(ValidationError, () =>
      transition(inState('confirmed', 'move-out'), 'make-effective', { closingReading: bad }, later(5)),
    );

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['closingReading.date', 'closingReading.value']);
  });
});
