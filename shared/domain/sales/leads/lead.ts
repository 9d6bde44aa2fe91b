import type { CustomerType } from '#domain/accounts/account';
import type { Commodity } from '#domain/energy/supply-point-identifier';
import { ConflictError, type InvalidField, ValidationError } from '#domain/errors';
import { diffFields, type FieldChange } from '#domain/events';
import { type ChangeContext, createdStamps, touched } from '#domain/stamps';
import type { SystemWritten } from '#domain/system-writes';

/**
 * The lead lifecycle (R-SA-2) and with it the marketing funnel (R-MK-1):
 * lead → marketing-qualified → sales-accepted → sales-qualified → converted,
 * or disqualified with a reason from any stage before converted.
 */
export const leadStages = [
  'lead',
  'marketing-qualified',
  'sales-accepted',
  'sales-qualified',
  'converted',
  'disqualified',
] as const;
export type LeadStage = (typeof leadStages)[number];

/** The stages a client moves a lead to; `converted` is reached only by conversion. */
export const settableLeadStages = [
  'marketing-qualified',
  'sales-accepted',
  'sales-qualified',
  'disqualified',
] as const;
export type SettableLeadStage = (typeof settableLeadStages)[number];

export const isFinalLeadStage = (stage: LeadStage) => stage === 'converted' || stage === 'disqualified';

const forward: Record<LeadStage, readonly LeadStage[]> = {
  lead: ['marketing-qualified', 'sales-accepted', 'sales-qualified', 'disqualified'],
  'marketing-qualified': ['sales-accepted', 'sales-qualified', 'disqualified'],
  'sales-accepted': ['sales-qualified', 'disqualified'],
  'sales-qualified': ['converted', 'disqualified'],
  converted: [],
  disqualified: [],
};

/** The `attribution.source` of a lead typed in by hand. */
export const manualSource = 'manual';

/** Where a lead came from (R-MK-1): the source, and the campaign and medium when known. */
export interface LeadAttribution {
  /** `manual`, or the id of the lead source whose webhook delivered it. */
  readonly source: string;
  readonly campaign?: string;
  readonly medium?: string;
  /** The lead's id at the source (the portal's inquiry id). */
  readonly externalId?: string;
}

export interface LeadAddress {
  readonly street?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly country?: string;
}

/** What a lead says about the prospect; everything but the segment is optional. */
export interface LeadFields {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly companyName?: string;
  readonly orgNumber?: string;
  /** Lower-cased. */
  readonly email?: string;
  /** E.164. */
  readonly phone?: string;
  readonly segment: CustomerType;
  readonly commodity?: Commodity;
  readonly annualConsumptionKwh?: number;
  readonly territoryCode?: string;
  readonly address?: LeadAddress;
  readonly message?: string;
  readonly attribution: LeadAttribution;
}

export interface StageChange {
  readonly stage: LeadStage;
  readonly at: string;
  readonly by: string;
  readonly reason?: string;
}

/** Another lead or a contact with the same e-mail or phone, found when the lead arrived. */
export interface PossibleDuplicate {
  readonly type: 'lead' | 'contact';
  readonly id: string;
  readonly matchedOn: 'email' | 'phone';
}

/** What a converted lead became (R-SA-3). */
export interface LeadConversion {
  readonly accountId: string;
  readonly contactId: string;
  readonly dealId: string;
  readonly supplyPointId?: string;
  readonly convertedAt: string;
  readonly convertedBy: string;
}

export interface ScoreLine {
  readonly rule: string;
  readonly points: number;
}

/** Activity the lead showed: what the activity scoring rules count. */
export interface LeadEngagement {
  readonly emailsOpened: number;
  readonly meetings: number;
}

export const engagementKinds = ['email-opened', 'meeting'] as const;
export type EngagementKind = (typeof engagementKinds)[number];

/** Its score, qualification and routing are written by the lead pipeline (ADR 0011). */
export interface Lead extends LeadFields, SystemWritten {
  readonly stage: LeadStage;
  readonly stageHistory: readonly StageChange[];
  readonly disqualificationReason?: string;
  readonly ownerId?: string;
  /** The group the routing rule sent the lead to, when it was a group. */
  readonly groupId?: string;
  readonly routedAt?: string;
  readonly score: number;
  readonly scoreLines: readonly ScoreLine[];
  readonly engagement: LeadEngagement;
  readonly possibleDuplicates: readonly PossibleDuplicate[];
  readonly conversion?: LeadConversion;
}

/** A lead source and the id it gave the lead: the same inquiry, whenever the source sends it. */
export interface SourceReference {
  readonly sourceId: string;
  readonly externalId: string;
}

/** What a lead a source delivered is known by at that source; none for a lead typed in by hand or without an external id. */
export function sourceReferenceOf(attribution: LeadAttribution): SourceReference | undefined {
  const { source, externalId } = attribution;
  return source !== manualSource && externalId ? { sourceId: source, externalId } : undefined;
}

export const maxMessageLength = 4000;
export const maxReasonLength = 500;
const maxNameLength = 200;

function fieldProblems(fields: LeadFields): InvalidField[] {
  const invalid: InvalidField[] = [];
  const named = [fields.firstName, fields.lastName, fields.companyName].some((v) => v && v.trim() !== '');
  if (!named)
    invalid.push({ name: 'lastName', reason: 'a lead needs a first name, last name or company name' });
  if (!fields.email && !fields.phone)
    invalid.push({ name: 'email', reason: 'a lead needs an e-mail address or a phone number' });
  const tooLong = (name: string, value: string | undefined, max: number) => {
    if ((value?.length ?? 0) > max) invalid.push({ name, reason: `at most ${max} characters` });
  };
  // The same limits as the API's schema: a webhook's mapped fields come past no schema.
  for (const name of ['firstName', 'lastName', 'companyName'] as const)
    tooLong(name, fields[name], maxNameLength);
  tooLong('orgNumber', fields.orgNumber, 40);
  tooLong('territoryCode', fields.territoryCode, 40);
  tooLong('address.street', fields.address?.street, 200);
  tooLong('address.postalCode', fields.address?.postalCode, 20);
  tooLong('address.city', fields.address?.city, 100);
  if (fields.address?.country !== undefined && !/^[A-Z]{2}$/.test(fields.address.country))
    invalid.push({ name: 'address.country', reason: 'an ISO 3166 code of two capital letters, e.g. SE' });
  tooLong('attribution.source', fields.attribution.source, 64);
  tooLong('attribution.campaign', fields.attribution.campaign, 200);
  tooLong('attribution.medium', fields.attribution.medium, 100);
  tooLong('attribution.externalId', fields.attribution.externalId, 200);
  if ((fields.message?.length ?? 0) > maxMessageLength)
    invalid.push({ name: 'message', reason: `at most ${maxMessageLength} characters` });
  const kwh = fields.annualConsumptionKwh;
  if (kwh !== undefined && (!Number.isSafeInteger(kwh) || kwh < 0))
    invalid.push({ name: 'annualConsumptionKwh', reason: 'must be a whole number of kWh, 0 or more' });
  if (fields.attribution.source.trim() === '')
    invalid.push({ name: 'attribution.source', reason: 'is required' });
  return invalid;
}

/** A new lead in the first stage; its contact data already normalised by the caller. */
export function createLead(
  id: string,
  fields: LeadFields,
  possibleDuplicates: readonly PossibleDuplicate[],
  ctx: ChangeContext,
): Lead {
  const invalid = fieldProblems(fields);
  if (invalid.length > 0) throw new ValidationError(invalid);
  return {
    ...createdStamps(id, ctx),
    ...fields,
    stage: 'lead',
    stageHistory: [{ stage: 'lead', at: ctx.now.toISOString(), by: ctx.userId }],
    score: 0,
    scoreLines: [],
    engagement: { emailsOpened: 0, meetings: 0 },
    possibleDuplicates,
  };
}

const trackedFields = [
  'firstName',
  'lastName',
  'companyName',
  'orgNumber',
  'email',
  'phone',
  'segment',
  'commodity',
  'annualConsumptionKwh',
  'territoryCode',
  'address',
  'message',
  'attribution',
] as const satisfies readonly (keyof LeadFields)[];

/** Changes what a lead says; a converted or disqualified lead is kept as it was. */
export function updateLead(
  current: Lead,
  fields: LeadFields,
  ctx: ChangeContext,
): { lead: Lead; changes: FieldChange[] } {
  assertOpen(current);
  const invalid = fieldProblems(fields);
  if (invalid.length > 0) throw new ValidationError(invalid);
  // Every field of the lead is replaced: one left out is cleared.
  const base = Object.fromEntries(
    Object.entries(current).filter(([key]) => !(trackedFields as readonly string[]).includes(key)),
  ) as Omit<Lead, keyof LeadFields>;
  const lead: Lead = { ...touched(base, ctx), ...fields };
  return { lead, changes: diffFields(current, lead, trackedFields) };
}

export function assertOpen(lead: Lead): void {
  if (isFinalLeadStage(lead.stage)) {
    throw new ConflictError('invalid-state', `the lead is ${lead.stage}; it can no longer change`, [
      { name: 'stage', reason: `the lead is ${lead.stage}` },
    ]);
  }
}

/**
 * Moves a lead along its lifecycle. Stages may be skipped forwards (a hot
 * lead goes straight to sales-qualified) but never walked back; a
 * disqualification needs its reason. 409 names the current stage and where
 * it may go.
 */
export function moveLead(
  current: Lead,
  to: SettableLeadStage,
  reason: string | undefined,
  ctx: ChangeContext,
): Lead {
  const allowed = forward[current.stage].filter((s) => s !== 'converted');
  if (!allowed.includes(to)) {
    throw new ConflictError(
      'invalid-state',
      `a lead in stage ${current.stage} cannot move to ${to}` +
        (allowed.length > 0 ? `; it can move to ${allowed.join(', ')}` : ''),
      [{ name: 'stage', reason: `the lead is ${current.stage}` }],
    );
  }
  const trimmed = reason?.trim();
  if (to === 'disqualified' && !trimmed)
    throw new ValidationError([{ name: 'reason', reason: 'a disqualification needs its reason' }]);
  if (trimmed && trimmed.length > maxReasonLength)
    throw new ValidationError([{ name: 'reason', reason: `at most ${maxReasonLength} characters` }]);
  const at = ctx.now.toISOString();
  return {
    ...touched(current, ctx),
    stage: to,
    stageHistory: [
      ...current.stageHistory,
      { stage: to, at, by: ctx.userId, ...(trimmed ? { reason: trimmed } : {}) },
    ],
    ...(to === 'disqualified' ? { disqualificationReason: trimmed } : {}),
  };
}

/** Only a sales-qualified lead can be converted, and only once: 409 otherwise. */
export function assertConvertible(current: Lead): void {
  if (current.stage === 'converted') {
    throw new ConflictError(
      'invalid-state',
      `the lead was already converted into deal ${current.conversion?.dealId}`,
      [{ name: 'stage', reason: 'the lead is converted' }],
    );
  }
  if (current.stage !== 'sales-qualified') {
    throw new ConflictError(
      'invalid-state',
      `only a sales-qualified lead can be converted; this one is ${current.stage}`,
      [{ name: 'stage', reason: `the lead is ${current.stage}` }],
    );
  }
}

/** A sales-qualified lead marked as converted into what it became; anything else is refused with 409. */
export function convertLead(
  current: Lead,
  conversion: Omit<LeadConversion, 'convertedAt' | 'convertedBy'>,
  ctx: ChangeContext,
): Lead {
  assertConvertible(current);
  const at = ctx.now.toISOString();
  return {
    ...touched(current, ctx),
    stage: 'converted',
    stageHistory: [...current.stageHistory, { stage: 'converted', at, by: ctx.userId }],
    conversion: { ...conversion, convertedAt: at, convertedBy: ctx.userId },
  };
}

/** The lead's display name: the person, else the company. */
export function leadName(lead: Pick<LeadFields, 'firstName' | 'lastName' | 'companyName'>): string {
  const person = [lead.firstName, lead.lastName].filter(Boolean).join(' ').trim();
  return person || lead.companyName || '';
}
