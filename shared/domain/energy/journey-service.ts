import type { AccountStore } from '#domain/accounts/stores';
import { assertVersion, NotFoundError, ValidationError } from '#domain/errors';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { newEnergyEvent } from './energy-events';
import type { CustomerJourney, JourneyStore } from './journey-stores';
import {
  type JourneyAction,
  type JourneyType,
  openJourney,
  type TransitionInput,
  transition,
} from './journeys';
import type { MeterReading } from './meter-readings';
import { prefixFields, type ReadingInput, type ReadingService, registerProblems } from './reading-service';
import type { SupplyPoint } from './supply-point';
import type { SupplyPointService } from './supply-point-service';

export interface JourneyDeps extends ServiceDeps {
  readonly journeys: JourneyStore;
  readonly accounts: Pick<AccountStore, 'get'>;
  readonly supplyPoints: Pick<SupplyPointService, 'get'>;
  readonly readings: Pick<ReadingService, 'record'>;
}

export interface JourneyRequest {
  readonly type: JourneyType;
  readonly supplyPointId: string;
  readonly effectiveDate?: string;
  readonly note?: string;
}

/** An action and what it carries; readings take the supply point's meter number by default. */
export interface TransitionRequest {
  readonly action: JourneyAction;
  readonly effectiveDate?: string;
  readonly reason?: string;
  readonly openingReading?: ReadingInput;
  readonly closingReading?: ReadingInput;
}

export type JourneyListState = 'open' | 'all';

const maxNoteLength = 2000;
const readingFields = ['openingReading', 'closingReading'] as const;

/** A reading as the domain checks it; a missing meter number is left blank for it to name. */
function leniently(input: ReadingInput, supplyPoint: SupplyPoint): MeterReading {
  return {
    register: input.register,
    date: input.date,
    value: input.value,
    kind: input.kind,
    meterNumber: input.meterNumber ?? supplyPoint.meter.number ?? '',
  };
}

/**
 * Customer journeys (R-SP-6): supplier switch, move in, move out, new
 * installation and termination, each walked through the state machine of
 * `journeys.ts`. Opening emits `JourneyRequested`, every transition
 * `JourneyTransitioned` with the state change.
 *
 * A transition that takes an opening or closing reading is two steps, not one
 * transaction: first the reading is recorded through the ReadingService,
 * marked with the journey's id, then the journey moves on (conditional on its
 * version). Why:
 * - the reading has one write path with one set of rules: its check against
 *   the register's history and the register marker that serialises readings
 *   live in the ReadingService and its store, which the journey store need
 *   not know;
 * - a reading is a fact about the meter that stays true when the second
 *   step fails (say 412: someone moved the journey on first). The failure
 *   is never the dangerous one (a journey effective without its reading),
 *   and a retry of the transition finds the reading the journey recorded
 *   (same register, date, meter, value and kind, same journey) and answers it
 *   as a replay instead of refusing a second reading on that day. This does
 *   not depend on the 24-hour life of idempotency records.
 * The state and the input are checked (`transition`, pure) before the reading
 * is written, so an illegal transition or missing input writes nothing.
 */
export class JourneyService {
  constructor(private readonly deps: JourneyDeps) {}

  async open(
    actor: Actor,
    request: JourneyRequest,
    idempotency?: IdempotencyToken,
  ): Promise<Created<CustomerJourney>> {
    const supplyPoint = await this.supplyPointOf(actor, request.supplyPointId);
    const note = request.note?.trim();
    if (note !== undefined && note.length > maxNoteLength) {
      throw new ValidationError([{ name: 'note', reason: `at most ${maxNoteLength} characters` }]);
    }
    const ctx = await changeContext(this.deps, actor);
    const opened = openJourney(
      this.deps.ids.next(),
      {
        type: request.type,
        accountId: supplyPoint.accountId,
        supplyPointId: supplyPoint.id,
        ...(request.effectiveDate === undefined ? {} : { effectiveDate: request.effectiveDate }),
      },
      ctx.now,
    );
    // A journey opens without readings: those come with make-effective.
    const { openingReading: _opening, closingReading: _closing, ...fields } = opened;
    const journey: CustomerJourney = {
      ...fields,
      tenantId: actor.tenantId,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      ...(note ? { note } : {}),
    };
    const event = newEnergyEvent(this.deps, ctx, 'JourneyRequested', {
      subject: { type: 'journey', id: journey.id, accountId: journey.accountId },
      data: { journey },
    });
    return this.deps.journeys.create(journey, event, idempotency);
  }

  async get(actor: Actor, journeyId: string): Promise<CustomerJourney> {
    const journey = await this.deps.journeys.get(actor.tenantId, journeyId);
    if (!journey) throw new NotFoundError('journey', journeyId);
    return journey;
  }

  /**
   * Moves a journey on by `request.action`. 412 when `expectedVersion` is
   * not the stored one, 409 naming the current state when the state does not
   * allow the action, 400 naming what is missing or refused (a reading going
   * backwards is `openingReading.value` or `closingReading.value`).
   */
  async transition(
    actor: Actor,
    journeyId: string,
    expectedVersion: number,
    request: TransitionRequest,
  ): Promise<CustomerJourney> {
    const current = await this.get(actor, journeyId);
    assertVersion('journey', current, expectedVersion);
    const given = readingFields.filter((field) => request[field] !== undefined);
    const supplyPoint =
      given.length > 0 ? await this.deps.supplyPoints.get(actor, current.supplyPointId) : undefined;
    const input: TransitionInput = {
      ...(request.effectiveDate === undefined ? {} : { effectiveDate: request.effectiveDate }),
      ...(request.reason === undefined ? {} : { reason: request.reason }),
      ...Object.fromEntries(
        given.map((field) => [field, leniently(request[field] as ReadingInput, supplyPoint as SupplyPoint)]),
      ),
    };

    const ctx = await changeContext(this.deps, actor);
    let next: CustomerJourney = transition(current, request.action, input, ctx.now);
    if (request.action !== 'make-effective' && given.length > 0) {
      throw new ValidationError(
        given.map((name) => ({ name, reason: `only make-effective takes a reading, not ${request.action}` })),
      );
    }
    for (const field of given) {
      const reading = input[field] as MeterReading;
      const invalid = registerProblems(reading.register, `${field}.register`);
      if (invalid.length > 0) throw new ValidationError(invalid);
      try {
        const { value } = await this.deps.readings.record(actor, current.supplyPointId, reading, undefined, {
          journeyId,
        });
        next = { ...next, [field]: value };
      } catch (error) {
        if (error instanceof ValidationError) throw prefixFields(error, `${field}.`);
        throw error;
      }
    }

    next = { ...next, updatedBy: actor.userId };
    const event = newEnergyEvent(this.deps, ctx, 'JourneyTransitioned', {
      subject: { type: 'journey', id: journeyId, accountId: current.accountId },
      data: { action: request.action, journey: next },
      changes: [{ field: 'state', from: current.state, to: next.state }],
    });
    await this.deps.journeys.update(current, next, event);
    return next;
  }

  /** An account's journeys: the open ones (the default), or all of them with the open first. */
  async ofAccount(
    actor: Actor,
    accountId: string,
    state: JourneyListState,
    page: PageRequest,
  ): Promise<Page<CustomerJourney>> {
    const account = await this.deps.accounts.get(actor.tenantId, accountId);
    if (!account || account.deletedAt !== undefined) throw new NotFoundError('account', accountId);
    return this.deps.journeys.ofAccount(actor.tenantId, accountId, state === 'open', page);
  }

  /** The supply point named in a request body: unknown there is a field at fault, not a 404. */
  private async supplyPointOf(actor: Actor, supplyPointId: string): Promise<SupplyPoint> {
    try {
      return await this.deps.supplyPoints.get(actor, supplyPointId);
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new ValidationError([{ name: 'supplyPointId', reason: 'no such supply point' }], {
          cause: error,
        });
      }
      throw error;
    }
  }
}
