import type { Commodity } from '#domain/energy/supply-point-identifier';
import { ConflictError, type InvalidField, ValidationError } from '#domain/errors';
import { diffFields, type FieldChange } from '#domain/events';
import type { DealStage, DealStageStatus } from '#domain/settings/setting';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';

/** Shares are basis points of the deal: together exactly 100 % (R-SA-4, used for commissions). */
export const fullShare = 10_000;
export const maxParticipants = 20;
export const titleMaxLength = 200;

export interface DealParticipant {
  readonly userId: string;
  readonly shareBasisPoints: number;
}

/** The stage a deal is in, copied from the tenant's setting when the deal moved there. */
export interface DealStageSnapshot {
  readonly id: string;
  readonly title: string;
  readonly status: DealStageStatus;
  readonly probabilityBasisPoints: number;
}

/** One entry per move, oldest first: where the deal went, when and by whom. */
export interface StageVisit {
  readonly stageId: string;
  readonly status: DealStageStatus;
  readonly enteredAt: string;
  readonly enteredBy: string;
  readonly lossReasonId?: string;
}

export interface DealFields {
  readonly title: string;
  readonly accountId: string;
  readonly contactId?: string;
  readonly ownerId: string;
  readonly participants: readonly DealParticipant[];
  readonly commodity?: Commodity;
  readonly supplyPointIds: readonly string[];
  /** Expected value in minor units of the tenant's currency. */
  readonly valueMinor: number;
  readonly currency: string;
  /** YYYY-MM-DD; the forecast month. */
  readonly expectedCloseDate: string;
  readonly typeId?: string;
}

/** A deal (R-SA-4). Forecasting only: it never makes an invoice (R-SA-5). */
export interface Deal extends DealFields, Stamps {
  readonly stage: DealStageSnapshot;
  readonly lossReasonId?: string;
  /** When the deal reached a won or lost stage. */
  readonly closedAt?: string;
  readonly stageHistory: readonly StageVisit[];
  /** The lead it was converted from. */
  readonly leadId?: string;
  /**
   * The owner's user groups and every group above them, as they were when the
   * deal last changed: the forecast per group counts the deal in each. Kept on
   * the deal so that an event's before and after name the same groups the
   * aggregates were moved with.
   */
  readonly forecastGroupIds: readonly string[];
}

export interface DealDraft {
  readonly title: string;
  readonly accountId: string;
  readonly contactId?: string;
  /** Defaults to the user who creates the deal. */
  readonly ownerId?: string;
  /** Defaults to the owner alone with the whole share. */
  readonly participants?: readonly DealParticipant[];
  readonly commodity?: Commodity;
  readonly supplyPointIds?: readonly string[];
  readonly stageId: string;
  readonly valueMinor: number;
  readonly expectedCloseDate: string;
  readonly typeId?: string;
  readonly lossReasonId?: string;
}

export type DealPatch = {
  readonly title?: string;
  readonly contactId?: string | null;
  readonly ownerId?: string;
  readonly participants?: readonly DealParticipant[];
  readonly commodity?: Commodity | null;
  readonly supplyPointIds?: readonly string[];
  readonly stageId?: string;
  readonly valueMinor?: number;
  readonly expectedCloseDate?: string;
  readonly typeId?: string | null;
  readonly lossReasonId?: string | null;
};

const trackedFields = [
  'title',
  'contactId',
  'ownerId',
  'participants',
  'commodity',
  'supplyPointIds',
  'stage',
  'valueMinor',
  'expectedCloseDate',
  'typeId',
  'lossReasonId',
] as const satisfies readonly (keyof Deal)[];

const isDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** Checks the shares: each a whole positive number of basis points, one per user, summing to exactly 10 000. */
export function participantProblems(participants: readonly DealParticipant[]): InvalidField[] {
  const invalid: InvalidField[] = [];
  if (participants.length === 0) invalid.push({ name: 'participants', reason: 'at least one participant' });
  if (participants.length > maxParticipants)
    invalid.push({ name: 'participants', reason: `at most ${maxParticipants} participants` });
  const seen = new Set<string>();
  participants.forEach((p, i) => {
    if (
      !Number.isSafeInteger(p.shareBasisPoints) ||
      p.shareBasisPoints <= 0 ||
      p.shareBasisPoints > fullShare
    )
      invalid.push({
        name: `participants.${i}.shareBasisPoints`,
        reason: `must be a whole number of basis points from 1 to ${fullShare}`,
      });
    if (seen.has(p.userId))
      invalid.push({ name: `participants.${i}.userId`, reason: 'this user is already a participant' });
    seen.add(p.userId);
  });
  const total = participants.reduce((sum, p) => sum + p.shareBasisPoints, 0);
  if (invalid.length === 0 && total !== fullShare)
    invalid.push({
      name: 'participants',
      reason: `shares must total exactly ${fullShare} basis points (100 %); they total ${total}`,
    });
  return invalid;
}

function fieldProblems(deal: Omit<Deal, keyof Stamps>): InvalidField[] {
  const invalid: InvalidField[] = [];
  const title = deal.title.trim();
  if (title.length === 0 || title.length > titleMaxLength)
    invalid.push({ name: 'title', reason: `1 to ${titleMaxLength} characters` });
  if (!Number.isSafeInteger(deal.valueMinor) || deal.valueMinor < 0)
    invalid.push({ name: 'valueMinor', reason: 'must be whole minor units, 0 or more' });
  if (!isDate(deal.expectedCloseDate))
    invalid.push({ name: 'expectedCloseDate', reason: 'must be a date, YYYY-MM-DD' });
  if (new Set(deal.supplyPointIds).size !== deal.supplyPointIds.length)
    invalid.push({ name: 'supplyPointIds', reason: 'a supply point is listed twice' });
  invalid.push(...participantProblems(deal.participants));
  return invalid;
}

/**
 * What moving into `stage` needs: a lost stage a loss reason (R-SA-4); any
 * other stage none, so a reason given there is refused rather than kept.
 */
function stageProblems(stage: DealStageSnapshot, lossReasonId: string | undefined): InvalidField[] {
  if (stage.status === 'lost' && !lossReasonId)
    return [{ name: 'lossReasonId', reason: `stage ${stage.title} is a lost stage: give the loss reason` }];
  if (stage.status !== 'lost' && lossReasonId)
    return [{ name: 'lossReasonId', reason: 'only a deal in a lost stage has a loss reason' }];
  return [];
}

export const stageSnapshot = (stage: DealStage): DealStageSnapshot => ({
  id: stage.id,
  title: stage.title,
  status: stage.status,
  probabilityBasisPoints: stage.probabilityBasisPoints,
});

const visit = (stage: DealStageSnapshot, ctx: ChangeContext, lossReasonId?: string): StageVisit => ({
  stageId: stage.id,
  status: stage.status,
  enteredAt: ctx.now.toISOString(),
  enteredBy: ctx.userId,
  ...(lossReasonId ? { lossReasonId } : {}),
});

export interface DealInput extends Omit<DealDraft, 'stageId' | 'ownerId' | 'participants'> {
  readonly ownerId: string;
  readonly participants: readonly DealParticipant[];
  readonly stage: DealStageSnapshot;
  readonly forecastGroupIds: readonly string[];
  readonly leadId?: string;
}

/** A new deal in its first stage, with that stage as the start of its history. */
export function createDeal(id: string, input: DealInput, ctx: ChangeContext): Deal {
  const { stage, lossReasonId, ...fields } = input;
  const deal: Deal = {
    ...createdStamps(id, ctx),
    ...fields,
    title: fields.title.trim(),
    currency: ctx.tenant.currency,
    supplyPointIds: fields.supplyPointIds ?? [],
    stage,
    ...(lossReasonId ? { lossReasonId } : {}),
    ...(stage.status === 'open' ? {} : { closedAt: ctx.now.toISOString() }),
    stageHistory: [visit(stage, ctx, lossReasonId)],
  };
  const invalid = [...fieldProblems(deal), ...stageProblems(stage, lossReasonId)];
  if (invalid.length > 0) throw new ValidationError(invalid);
  return deal;
}

/** What an update resolves before it applies: the new stage read from settings, the owner's groups. */
export interface DealChangeInput {
  readonly patch: DealPatch;
  readonly stage?: DealStageSnapshot;
  readonly forecastGroupIds: readonly string[];
}

/**
 * Applies a patch. A stage move appends to the history and sets or clears
 * `closedAt`; the loss reason must accompany a lost stage and goes when the
 * deal leaves it. A closed deal may only be moved to another stage: its
 * figures are what the win/loss report counted.
 */
export function updateDeal(
  current: Deal,
  input: DealChangeInput,
  ctx: ChangeContext,
): { deal: Deal; changes: FieldChange[] } {
  const { patch } = input;
  const stage = input.stage ?? current.stage;
  const moved = stage.id !== current.stage.id;
  const closedNow = current.stage.status !== 'open';
  const editsFigures = (['valueMinor', 'expectedCloseDate', 'participants', 'ownerId'] as const).some(
    (f) => patch[f] !== undefined,
  );
  if (closedNow && !moved && editsFigures) {
    throw new ConflictError(
      'invalid-state',
      `the deal is ${current.stage.status}; move it to an open stage before changing it`,
      [
        {
          name: 'stageId',
          reason: `the deal is in the ${current.stage.status} stage ${current.stage.title}`,
        },
      ],
    );
  }
  const lossReasonId =
    patch.lossReasonId === null
      ? undefined
      : (patch.lossReasonId ?? (stage.status === 'lost' ? current.lossReasonId : undefined));
  const {
    lossReasonId: _loss,
    closedAt: _closed,
    contactId: _contact,
    commodity: _commodity,
    typeId: _type,
    ...kept
  } = current;
  const contactId = patch.contactId === null ? undefined : (patch.contactId ?? current.contactId);
  const commodity = patch.commodity === null ? undefined : (patch.commodity ?? current.commodity);
  const typeId = patch.typeId === null ? undefined : (patch.typeId ?? current.typeId);
  const closedAt = stage.status === 'open' ? undefined : moved ? ctx.now.toISOString() : current.closedAt;
  const deal: Deal = {
    ...touched(kept, ctx),
    title: patch.title?.trim() ?? current.title,
    ownerId: patch.ownerId ?? current.ownerId,
    participants: patch.participants ?? current.participants,
    supplyPointIds: patch.supplyPointIds ?? current.supplyPointIds,
    valueMinor: patch.valueMinor ?? current.valueMinor,
    expectedCloseDate: patch.expectedCloseDate ?? current.expectedCloseDate,
    stage,
    forecastGroupIds: input.forecastGroupIds,
    stageHistory: moved ? [...current.stageHistory, visit(stage, ctx, lossReasonId)] : current.stageHistory,
    ...(contactId ? { contactId } : {}),
    ...(commodity ? { commodity } : {}),
    ...(typeId ? { typeId } : {}),
    ...(lossReasonId ? { lossReasonId } : {}),
    ...(closedAt ? { closedAt } : {}),
  };
  const invalid = [...fieldProblems(deal), ...stageProblems(stage, lossReasonId)];
  if (invalid.length > 0) throw new ValidationError(invalid);
  return { deal, changes: diffFields(current, deal, trackedFields) };
}

/** Whether the user owns the deal or takes part in it. */
export const isDealMember = (deal: Pick<Deal, 'ownerId' | 'participants'>, userId: string): boolean =>
  deal.ownerId === userId || deal.participants.some((p) => p.userId === userId);

/** Everyone a deal is visible to besides admins: the owner and the participants. */
export const dealMembers = (deal: Pick<Deal, 'ownerId' | 'participants'>): string[] => [
  ...new Set([deal.ownerId, ...deal.participants.map((p) => p.userId)]),
];
