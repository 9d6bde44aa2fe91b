import { type InvalidField, ValidationError } from '#domain/errors';
import { diffFields, type FieldChange } from '#domain/events';
import { type ChangeContext, createdStamps, type Stamps, softDeleted, touched } from '#domain/stamps';

/** Where a campaign reaches people (R-MK-1): a closed list, so reports compare like with like. */
export const campaignChannels = [
  'email',
  'web',
  'social',
  'paid-search',
  'display',
  'print',
  'event',
  'partner',
  'telemarketing',
  'direct-mail',
  'other',
] as const;
export type CampaignChannel = (typeof campaignChannels)[number];

/** Both days included, `YYYY-MM-DD`. */
export interface CampaignPeriod {
  readonly from: string;
  readonly to: string;
}

export interface CampaignBudget {
  readonly amountMinor: number;
  /** ISO 4217. */
  readonly currency: string;
}

/**
 * The codes the campaign's links and lead platforms carry (utm_campaign,
 * utm_source, utm_medium). `campaign` is what attributes: a lead whose
 * `attribution.campaign` is this code (compared trimmed and case-blind)
 * counts for the campaign. `source` and `medium` say where the campaign's
 * links are placed, for the people who build them.
 */
export interface CampaignCodes {
  readonly campaign: string;
  readonly source?: string;
  readonly medium?: string;
}

export interface Campaign extends Stamps {
  readonly name: string;
  readonly channel: CampaignChannel;
  readonly period: CampaignPeriod;
  readonly budget: CampaignBudget;
  readonly codes: CampaignCodes;
  readonly description?: string;
}

export interface CampaignDraft {
  readonly name: string;
  readonly channel: CampaignChannel;
  readonly period: CampaignPeriod;
  /** The tenant's currency when absent. */
  readonly budget: { readonly amountMinor: number; readonly currency?: string };
  readonly codes: CampaignCodes;
  readonly description?: string;
}

/** Absent fields stay; `null` clears an optional one. The campaign code never changes: its counts are kept by it. */
export interface CampaignPatch {
  readonly name?: string;
  readonly channel?: CampaignChannel;
  readonly period?: CampaignPeriod;
  readonly budget?: CampaignBudget;
  readonly source?: string | null;
  readonly medium?: string | null;
  readonly description?: string | null;
}

export const maxCampaignCodeLength = 100;

/**
 * A campaign code as attribution compares it: trimmed and lower-cased, so
 * `Spring-2027` in a link finds the campaign `spring-2027`; none when blank.
 */
export function campaignCodeKey(code: string | undefined): string | undefined {
  const key = code?.trim().toLowerCase();
  return key ? key : undefined;
}

const isDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

function problems(c: Omit<Campaign, keyof Stamps>): InvalidField[] {
  const invalid: InvalidField[] = [];
  if (c.name.trim() === '') invalid.push({ name: 'name', reason: 'is required' });
  if (!campaignChannels.includes(c.channel))
    invalid.push({ name: 'channel', reason: `one of ${campaignChannels.join(', ')}` });
  for (const side of ['from', 'to'] as const)
    if (!isDay(c.period[side])) invalid.push({ name: `period.${side}`, reason: 'a day, YYYY-MM-DD' });
  if (invalid.length === 0 && c.period.from > c.period.to)
    invalid.push({ name: 'period.to', reason: 'must not be before period.from' });
  if (!Number.isSafeInteger(c.budget.amountMinor) || c.budget.amountMinor < 0)
    invalid.push({ name: 'budget.amountMinor', reason: 'a whole number of minor units, 0 or more' });
  if (!/^[A-Z]{3}$/.test(c.budget.currency))
    invalid.push({ name: 'budget.currency', reason: 'an ISO 4217 code, e.g. EUR' });
  const code = campaignCodeKey(c.codes.campaign);
  if (code === undefined) invalid.push({ name: 'codes.campaign', reason: 'is required' });
  else if (code.length > maxCampaignCodeLength)
    invalid.push({ name: 'codes.campaign', reason: `at most ${maxCampaignCodeLength} characters` });
  return invalid;
}

function valid(c: Omit<Campaign, keyof Stamps>): void {
  const invalid = problems(c);
  if (invalid.length > 0) throw new ValidationError(invalid);
}

export function createCampaign(id: string, draft: CampaignDraft, ctx: ChangeContext): Campaign {
  const fields = {
    name: draft.name.trim(),
    channel: draft.channel,
    period: draft.period,
    budget: { amountMinor: draft.budget.amountMinor, currency: draft.budget.currency ?? ctx.tenant.currency },
    codes: { ...draft.codes, campaign: draft.codes.campaign.trim() },
    ...(draft.description ? { description: draft.description } : {}),
  };
  valid(fields);
  return { ...createdStamps(id, ctx), ...fields };
}

const trackedFields = [
  'name',
  'channel',
  'period',
  'budget',
  'codes',
  'description',
] as const satisfies readonly (keyof Campaign)[];

const orCleared = <T>(value: T | null | undefined, current: T | undefined): T | undefined =>
  value === null ? undefined : (value ?? current);

export function updateCampaign(
  current: Campaign,
  patch: CampaignPatch,
  ctx: ChangeContext,
): { campaign: Campaign; changes: FieldChange[] } {
  const { description: _description, codes: currentCodes, ...rest } = current;
  const source = orCleared(patch.source, currentCodes.source);
  const medium = orCleared(patch.medium, currentCodes.medium);
  const description = orCleared(patch.description, current.description);
  const next: Campaign = {
    ...rest,
    ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
    ...(patch.channel === undefined ? {} : { channel: patch.channel }),
    ...(patch.period === undefined ? {} : { period: patch.period }),
    ...(patch.budget === undefined ? {} : { budget: patch.budget }),
    codes: {
      campaign: currentCodes.campaign,
      ...(source === undefined ? {} : { source }),
      ...(medium === undefined ? {} : { medium }),
    },
    ...(description === undefined ? {} : { description }),
  };
  valid(next);
  const changes = diffFields(current, next, trackedFields);
  return { campaign: changes.length === 0 ? current : { ...touched(next, ctx) }, changes };
}

export function deleteCampaign(current: Campaign, ctx: ChangeContext): Campaign {
  return softDeleted(current, ctx);
}
