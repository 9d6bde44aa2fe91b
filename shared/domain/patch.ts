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

/** The type of a create body where `null` means "not given" for optional fields. */
export type Nullable<T> = { readonly [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

/** Drops `null` fields: in a create, `null` and absent mean the same. */
export function withoutNulls<T extends object>(draft: Nullable<T>): T {
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== null)) as T;
}
