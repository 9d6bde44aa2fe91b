import { diffFields, type FieldChange } from './events';

/**
 * Applies a JSON merge-patch style change: an absent field stays, `null`
 * clears it, any other value replaces it.
 */
export function applyPatch<T extends object>(
  current: T,
  patch: { readonly [K in keyof T]?: T[K] | null },
): T {
  const merged = { ...current } as Record<string, unknown>;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    merged[field] = value === null ? undefined : value;
  }
  return merged as T;
}

/** A merge patch of `T`: an absent field stays, `null` clears it. */
export type Patch<T> = { readonly [K in keyof T]?: T[K] | null };

/**
 * What a PATCH does to `current`: the patch applied, normalised, and the
 * tracked fields it changes. Every PATCH goes through it, and one with no
 * changes (an empty patch, or values equal to the current ones once
 * normalised) is not a change: the service writes nothing, emits no event
 * and answers `current` as it is, with its ETag.
 */
export function mergePatch<F extends object, N extends F = F>(
  current: F,
  patch: Patch<F>,
  tracked: readonly (keyof F & string)[],
  normalise: (fields: F) => N = (fields) => fields as N,
): { fields: N; changes: FieldChange[] } {
  const fields = normalise(applyPatch<F>(current, patch));
  return { fields, changes: diffFields(current, fields, tracked) };
}

/** The type of a create body where `null` means "not given" for optional fields. */
export type Nullable<T> = { readonly [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

/** Drops `null` fields: in a create, `null` and absent mean the same. */
export function withoutNulls<T extends object>(draft: Nullable<T>): T {
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== null)) as T;
}
