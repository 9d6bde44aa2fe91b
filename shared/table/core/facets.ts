/**
 * A named part of a key (ElectroDB calls it a composite attribute) and how
 * its value is written into the key.
 */
export interface Facet<N extends string, V> {
  readonly name: N;
  readonly format: (value: V) => string;
  /** A value the docs' checks build sample keys with. */
  readonly example: V;
  /** A search facet: a prefix query gives a partial value, so the prefix ends right after it. */
  readonly partial?: boolean;
  /** What sorting by the facet means, in words, when that says more than “ascending”. */
  readonly sorts?: SortWords;
  /** How the docs show the facet, when not as `<name>`. */
  readonly placeholder?: string;
}

export interface SortWords {
  readonly ascending: string;
  readonly descending: string;
}

/** Any facet, whatever its value's type. */
export type AnyFacet = Omit<Facet<string, never>, 'example'> & { readonly example: unknown };

/** The values a key built from these facets needs, by facet name. */
export type FacetValues<F extends readonly AnyFacet[]> = {
  readonly [P in F[number] as P['name']]: P['format'] extends (value: infer V) => string ? V : never;
};

/** Folds case and diacritics so `Ödegård` sorts and prefix-matches as `odegard`. */
export function foldForSort(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** An id or any other value written as it is. */
export const text = <N extends string>(name: N): Facet<N, string> => ({
  name,
  format: (value) => value,
  example: name,
});

/** A ULID: ids sort by the time they were made. */
export const ulid = <N extends string>(name: N): Facet<N, string> => ({
  ...text(name),
  sorts: { ascending: 'oldest first', descending: 'newest first' },
});

/** An ISO 8601 date or time, which sorts as time. */
export const date = <N extends string>(name: N): Facet<N, string> => ({
  ...text(name),
  sorts: { ascending: 'earliest first', descending: 'latest first' },
});

/** One of a few fixed words (`ACCOUNT` or `CONTACT`). */
export const oneOf = <N extends string, const V extends string>(
  name: N,
  words: readonly [V, ...V[]],
): Facet<N, V> => ({
  name,
  format: (value) => value,
  example: words[0],
});

/** A number padded with zeros, so keys sort in numeric order. */
export const padded = <N extends string>(name: N, width: number): Facet<N, number> => ({
  name,
  format: (value) => String(value).padStart(width, '0'),
  example: 1,
  sorts: { ascending: 'lowest first', descending: 'highest first' },
});

/** A display text folded for sorting; a prefix query may give the start of it. */
export const folded = <N extends string>(name: N): Facet<N, string> => ({
  name,
  format: foldForSort,
  partial: true,
  example: 'Ödegård',
  sorts: { ascending: `by ${name}, A to Z`, descending: `by ${name}, Z to A` },
});

/** A value that may be absent, written as `fallback` then. */
export const orElse = <N extends string>(name: N, fallback: string): Facet<N, string | undefined> => ({
  name,
  format: (value) => value ?? fallback,
  example: undefined,
  placeholder: `<${name} or ${fallback}>`,
});

/** A marker written only when true (`#DELETED` of a deleted item's list). */
export const flag = <N extends string>(name: N, marker: string): Facet<N, boolean> => ({
  name,
  format: (value) => (value ? marker : ''),
  example: false,
  placeholder: `[${marker}]`,
});

/** One of a few fixed words, written in capitals (`open` as `OPEN`). */
export const upperOneOf = <N extends string, const V extends string>(
  name: N,
  words: readonly [V, ...V[]],
): Facet<N, V> => ({
  name,
  format: (value) => value.toUpperCase(),
  example: words[0],
});

/** A value worked out from several attributes of the item; the entity's description says how. */
export const computed = <N extends string, V>(
  name: N,
  format: (value: V) => string,
  example: V,
  sorts?: SortWords,
): Facet<N, V> => ({ name, format, example, sorts });

/** Every partition key but one starts with the tenant, taken from the verified token. */
export const tenant = text('tenantId');
