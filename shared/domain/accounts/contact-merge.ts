import { ValidationError } from '#domain/errors';
import { diffFields, type FieldChange } from '#domain/events';
import { type ChangeContext, softDeleted, touched } from '#domain/stamps';
import type { Contact, ContactFields } from './contact';
import { contactTrackedFields } from './contact';

/** Whose value the survivor keeps; `both` joins two lists, the survivor's entries first. */
export const mergeSides = ['survivor', 'loser', 'both'] as const;
export type MergeSide = (typeof mergeSides)[number];

const listFields = ['phones', 'keywords', 'categoryIds'] as const;
type ListField = (typeof listFields)[number];

/** Per field, whose value the survivor keeps; a field not named takes its default. */
export type ContactMergeChoice = { readonly [K in keyof ContactFields]?: MergeSide };

const isList = (field: string): field is ListField => (listFields as readonly string[]).includes(field);

const isEmpty = (value: unknown) =>
  value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The value the survivor keeps of one field. By default a list joins both
 * (so the survivor is found by every phone either had) and any other field
 * keeps the survivor's value, or the loser's where the survivor has none.
 */
function kept<K extends keyof ContactFields>(
  field: K,
  survivor: ContactFields,
  loser: ContactFields,
  side: MergeSide | undefined,
): ContactFields[K] {
  const mine = survivor[field];
  const theirs = loser[field];
  const chosen = side ?? (isList(field) ? 'both' : isEmpty(mine) ? 'loser' : 'survivor');
  if (chosen === 'both') {
    const joined = new Set([
      ...((mine as readonly string[]) ?? []),
      ...((theirs as readonly string[]) ?? []),
    ]);
    return [...joined] as unknown as ContactFields[K];
  }
  return chosen === 'loser' ? theirs : mine;
}

/** Fields a `both` cannot join: everything that is not a list. */
function refusedChoices(keep: ContactMergeChoice) {
  return Object.entries(keep)
    .filter(([field, side]) => side === 'both' && !isList(field))
    .map(([field]) => ({
      name: `keep.${field}`,
      reason: 'only phones, keywords and categoryIds can keep both',
    }));
}

/**
 * A merge of `loser` into `survivor` (R-AC-8): the survivor with the values
 * chosen, and the loser as a tombstone that names the survivor. The tombstone
 * is deleted (it claims, identifies and lists nothing) but keeps its fields,
 * so the moves that follow know what it had.
 */
export function mergeContacts(
  survivor: Contact,
  loser: Contact,
  keep: ContactMergeChoice,
  ctx: ChangeContext,
): { survivor: Contact; tombstone: Contact; changes: FieldChange[] } {
  const refused = refusedChoices(keep);
  if (refused.length > 0) throw new ValidationError(refused);
  const fields: Record<string, unknown> = {};
  for (const field of contactTrackedFields) fields[field] = kept(field, survivor, loser, keep[field]);
  const merged = Object.fromEntries(
    Object.entries({ ...survivor, ...fields }).filter(([, v]) => v !== undefined),
  );
  const next = touched(merged as unknown as Contact, ctx);
  return {
    survivor: next,
    tombstone: { ...softDeleted(loser, ctx), mergedInto: survivor.id },
    changes: diffFields(survivor, next, contactTrackedFields),
  };
}
