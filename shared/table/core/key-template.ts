import type { AnyFacet, FacetValues } from './facets';

/** The two attributes of an item's primary key. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

type Values = Readonly<Record<string, unknown>>;

/** A key attribute's shape: literal text and facets, e.g. `T#<tenantId>#ACCOUNT#<accountId>`. */
export interface KeyTemplate<V> {
  /** The facets, in key order. */
  readonly facets: readonly Pick<AnyFacet, 'name' | 'partial' | 'sorts'>[];
  /** A sample value of each facet, by name. */
  readonly examples: Values;
  /** The key's shape: its facets as `<name>`. */
  readonly shape: string;
  /** The whole key. */
  build(values: V): string;
  /**
   * The key up to the first facet not given, for `begins_with`: after a
   * facet the literal that follows it is kept (`READING#<register>#`),
   * after a partial facet nothing is (the start of a name).
   */
  prefix(values: Partial<V>): string;
  /**
   * The shape for the docs: given facets as their values, the others as
   * `<name>`. With `shown`, a prefix: it stops at the first facet neither
   * given nor shown.
   */
  describe(given: Partial<V>, shown?: readonly string[]): string;
}

/**
 * A key template as a tagged template literal:
 * key`T#${tenant}#ACCOUNT#${text('accountId')}`.
 */
export function key<const F extends readonly AnyFacet[]>(
  literals: TemplateStringsArray,
  ...facets: F
): KeyTemplate<FacetValues<F>> {
  const parts: readonly AnyFacet[] = facets;
  // `build`'s signature checked each value against its facet's type.
  const format = (facet: AnyFacet, values: Values) => facet.format(values[facet.name] as never);
  const placeholder = (facet: AnyFacet) => facet.placeholder ?? `<${facet.name}>`;
  const given = (facet: AnyFacet, values: Values) =>
    values[facet.name] === undefined ? undefined : format(facet, values);
  /** Literals and facets in order; a prefix stops at the first facet without a value, a whole key never. */
  const walk = (value: (facet: AnyFacet) => string | undefined, asPrefix: boolean) => {
    let out = literals[0] ?? '';
    for (const [i, facet] of parts.entries()) {
      const written = value(facet);
      if (written === undefined && !asPrefix) throw new Error(`the key ${out}… has no ${facet.name}`);
      if (written === undefined) return out;
      out += written;
      if (asPrefix && facet.partial) return out;
      out += literals[i + 1] ?? '';
    }
    return out;
  };
  return {
    facets: parts.map(({ name, partial, sorts }) => ({ name, partial, sorts })),
    examples: Object.fromEntries(parts.map((facet) => [facet.name, facet.example])),
    shape: walk(placeholder, false),
    build: (values) => walk((facet) => format(facet, values), false),
    prefix: (values) => walk((facet) => given(facet, values), true),
    describe: (values, shown) =>
      walk(
        (facet) =>
          given(facet, values) ??
          (shown === undefined || shown.includes(facet.name) ? placeholder(facet) : undefined),
        shown !== undefined,
      ),
  };
}

/**
 * A key template shared at module level, as `/* @__PURE__ *\/ sharedKey(() => key`…`)`.
 * esbuild keeps a module-level tagged template call in every bundle that
 * imports its file, used or not; a call marked pure it drops where unused,
 * so a function that imports an entities file for one definition does not
 * carry the others' partitions.
 */
export function sharedKey<V>(template: () => KeyTemplate<V>): KeyTemplate<V> {
  return template();
}
