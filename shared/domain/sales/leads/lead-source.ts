import { type InvalidField, ValidationError } from '#domain/errors';
import type { FieldChange } from '#domain/events';
import { mergePatch } from '#domain/patch';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';
import type { LeadMapping } from './lead-mapping';

export const defaultToleranceSeconds = 300;
export const maxToleranceSeconds = 3600;
const nameMaxLength = 100;

/**
 * A lead platform that delivers leads by webhook (R-SA-1): how its payload
 * maps to a lead, how old a delivery's timestamp may be, and the campaign
 * to credit when the payload names none. Its signing secret lives in
 * Secrets Manager, never in the table.
 */
export interface LeadSource extends Stamps {
  readonly name: string;
  readonly mapping: LeadMapping;
  /** The preset the mapping was copied from, if any. */
  readonly preset?: string;
  readonly toleranceSeconds: number;
  readonly defaultCampaign?: string;
  /** An inactive source's deliveries are refused with 401. */
  readonly active: boolean;
}

export interface LeadSourceDraft {
  readonly name: string;
  readonly mapping: LeadMapping;
  readonly preset?: string;
  readonly toleranceSeconds?: number;
  readonly defaultCampaign?: string;
}

export interface LeadSourcePatch {
  readonly name?: string;
  readonly mapping?: LeadMapping;
  readonly toleranceSeconds?: number;
  readonly defaultCampaign?: string | null;
  readonly active?: boolean;
}

/** The fields a PATCH changes. */
const editableFields = [
  'name',
  'mapping',
  'toleranceSeconds',
  'defaultCampaign',
  'active',
] as const satisfies readonly (keyof LeadSourcePatch)[];

function problems(source: Omit<LeadSource, keyof Stamps>): InvalidField[] {
  const invalid: InvalidField[] = [];
  if (source.name.trim() === '' || source.name.length > nameMaxLength)
    invalid.push({ name: 'name', reason: `1 to ${nameMaxLength} characters` });
  const t = source.toleranceSeconds;
  if (!Number.isSafeInteger(t) || t < 30 || t > maxToleranceSeconds)
    invalid.push({ name: 'toleranceSeconds', reason: `30 to ${maxToleranceSeconds} seconds` });
  return invalid;
}

export function createLeadSource(id: string, draft: LeadSourceDraft, ctx: ChangeContext): LeadSource {
  const source: LeadSource = {
    ...createdStamps(id, ctx),
    name: draft.name.trim(),
    mapping: draft.mapping,
    ...(draft.preset ? { preset: draft.preset } : {}),
    toleranceSeconds: draft.toleranceSeconds ?? defaultToleranceSeconds,
    ...(draft.defaultCampaign ? { defaultCampaign: draft.defaultCampaign } : {}),
    active: true,
  };
  const invalid = problems(source);
  if (invalid.length > 0) throw new ValidationError(invalid);
  return source;
}

export function updateLeadSource(
  current: LeadSource,
  patch: LeadSourcePatch,
  ctx: ChangeContext,
): { source: LeadSource; changes: FieldChange[] } {
  const { fields, changes } = mergePatch<LeadSource>(current, patch, editableFields, (f) => ({
    ...f,
    name: f.name.trim(),
  }));
  const invalid = problems(fields);
  if (invalid.length > 0) throw new ValidationError(invalid);
  return { source: touched(fields, ctx), changes };
}
