import { getItem, type Read } from './get-item';
import { stripLayout } from './item-mapping';
import type { IndexName, KeyCondition, SortKeyCondition } from './key-condition';
import type { ItemKey, KeyTemplate } from './key-template';
import type { Table } from './table';

/** Where a pattern reads: the base table or one of its indexes. */
export type Index = 'table' | IndexName;

/** The partition and sort key of an item on the table or on one index. */
export interface KeyPair<P, S> {
  readonly pk: KeyTemplate<P>;
  readonly sk: KeyTemplate<S>;
}

// `never` accepts every pair: a pair's value types only narrow what it takes.
type AnyPair = KeyPair<never, never>;

type PkValues<K> = K extends KeyPair<infer P, unknown> ? P : never;
type SkValues<K> = K extends KeyPair<unknown, infer S> ? S : never;
/** Every facet value a pair's two keys need. */
export type PairValues<K> = PkValues<K> & SkValues<K>;

/**
 * How a pattern uses the sort key: `equals` reads one item (GetItem);
 * `beginsWith`, `before` (<), `atMost` (<=) and `between` narrow a Query,
 * comparing with the sort key built up to the facets given. Absent: the
 * whole partition.
 */
export type SortKeyUse = 'equals' | 'beginsWith' | 'before' | 'atMost' | 'between';

export interface PatternDefinition {
  readonly index: Index;
  readonly sortKey?: SortKeyUse;
  /** The sort key facets a caller gives, in key order: the docs show them. */
  readonly sortKeyFacets?: readonly string[];
  /** Facet values the pattern itself sets (only open journeys, only live accounts). */
  readonly fixed?: Readonly<Record<string, unknown>>;
  /** Other item types the same Query returns (a collection), by name. */
  readonly alsoReturns?: readonly string[];
  /** The order of a Query's items by the index's sort key; ascending unless said. */
  readonly order?: 'ascending' | 'descending';
  /** The operations, in words: consistency, limits, what follows the read. */
  readonly operation: string;
}

export interface EntityDefinition {
  /** The item type's name in the docs and, unless `storedAs` says otherwise, its `entity` attribute. */
  readonly name: string;
  readonly storedAs?: string;
  /** One line on what the item is. */
  readonly description: string;
  readonly key: AnyPair;
  readonly indexes?: Partial<Record<IndexName, AnyPair>>;
  /** The ways the item is read and written, named in the domain's words. */
  readonly patterns: Readonly<Record<string, PatternDefinition>>;
}

type PairOf<D extends EntityDefinition, I> = I extends 'table'
  ? D['key']
  : I extends IndexName
    ? NonNullable<D['indexes']>[I]
    : never;

type FixedOf<P> = P extends { readonly fixed: infer F } ? keyof F : never;

/** What a caller gives a pattern: the partition's facets, and the sort key's as the pattern uses it. */
export type PatternValues<
  D extends EntityDefinition,
  P extends PatternDefinition,
> = P['sortKey'] extends 'equals'
  ? Omit<PairValues<PairOf<D, P['index']>>, FixedOf<P>>
  : P['sortKey'] extends 'between'
    ? Omit<PkValues<PairOf<D, P['index']>>, FixedOf<P>> & {
        readonly from: Partial<SkValues<PairOf<D, P['index']>>>;
        readonly to: Partial<SkValues<PairOf<D, P['index']>>>;
      }
    : P['sortKey'] extends SortKeyUse
      ? Omit<PkValues<PairOf<D, P['index']>>, FixedOf<P>> & Partial<SkValues<PairOf<D, P['index']>>>
      : Omit<PkValues<PairOf<D, P['index']>>, FixedOf<P>>;

/** A named access pattern: the key condition it reads with, and how the docs show it. */
export interface AccessPattern<V> {
  readonly name: string;
  readonly definition: PatternDefinition;
  /** The pattern's Query (or, for `equals`, the key it gets) for these values. */
  query(values: V): KeyCondition;
  /** The key condition with the facets not fixed as `<name>`, for the docs. */
  describe(): KeyCondition;
}

/** Where an item is placed: its key's facet values and, for each index it is on, that index's. */
export type Placement<D extends EntityDefinition> = { readonly key: PairValues<D['key']> } & {
  readonly [I in keyof NonNullable<D['indexes']>]?: PairValues<NonNullable<D['indexes']>[I]> | undefined;
};

export interface Entity<T extends object, D extends EntityDefinition> {
  readonly definition: D;
  /** The `entity` attribute of the items. */
  readonly stored: string;
  key(values: PairValues<D['key']>): ItemKey;
  /** The stored item: keys, `entity`, index keys where placed, then the attributes. */
  item(attributes: T, placement: Placement<D>): Record<string, unknown>;
  /** The item by its key, without its layout attributes; consistent unless `read` says otherwise. */
  get(table: Table, values: PairValues<D['key']>, read?: Read): Promise<T | undefined>;
  readonly patterns: {
    readonly [N in keyof D['patterns']]: AccessPattern<PatternValues<D, D['patterns'][N]>>;
  };
}

type Values = Readonly<Record<string, unknown>>;

/** The values of one side of a range (`from`, `to`); a missing side gives none. */
const sideOf = (side: unknown): object => (typeof side === 'object' && side !== null ? side : {});

function pairOf(definition: EntityDefinition, index: Index): AnyPair {
  const pair = index === 'table' ? definition.key : definition.indexes?.[index];
  if (!pair) throw new Error(`${definition.name} is not on ${index}`);
  return pair;
}

// Inside the generic plumbing values are plain records: each builder's signature has checked them.
const buildKey = (template: KeyTemplate<never>, values: unknown) => template.build(values as never);
const prefixOf = (template: KeyTemplate<never>, values: Values) => template.prefix(values as never);
const describeKey = (template: KeyTemplate<never>, values: Values, shown?: readonly string[]) =>
  template.describe(values as never, shown);

/**
 * The sort key part of a pattern's condition. A range compares with the key
 * built up to the facets given; `between` takes every key that begins with
 * a value from its lower to its upper bound (`~` sorts after every id
 * character).
 */
function sortKeyCondition(
  use: SortKeyUse | undefined,
  sk: KeyTemplate<never>,
  values: Values,
  bound: (values: Values) => string,
): SortKeyCondition | undefined {
  switch (use) {
    case undefined:
      return undefined;
    case 'equals':
      return { op: '=', value: buildKey(sk, values) };
    case 'beginsWith': {
      const prefix = bound(values);
      return prefix === '' ? undefined : { op: 'begins_with', value: prefix };
    }
    case 'before':
      return { op: '<', value: bound(values) };
    case 'atMost':
      return { op: '<=', value: bound(values) };
    case 'between': {
      const range = (side: unknown) => bound({ ...values, ...sideOf(side) });
      return { op: 'between', value: range(values.from), to: `${range(values.to)}~` };
    }
  }
}

function accessPattern(
  definition: EntityDefinition,
  name: string,
  pattern: PatternDefinition,
): AccessPattern<Values> {
  const pair = pairOf(definition, pattern.index);
  const index = pattern.index === 'table' ? undefined : pattern.index;
  const fixed = pattern.fixed ?? {};
  const newestFirst = pattern.order === 'descending';
  return {
    name,
    definition: pattern,
    query: (given) => {
      const values: Values = { ...given, ...fixed };
      return {
        index,
        partition: buildKey(pair.pk, values),
        sortKey: sortKeyCondition(pattern.sortKey, pair.sk, values, (v) => prefixOf(pair.sk, v)),
        newestFirst,
      };
    },
    describe: () => ({
      index,
      partition: describeKey(pair.pk, fixed),
      sortKey:
        pattern.sortKey === 'equals'
          ? { op: '=', value: describeKey(pair.sk, fixed) }
          : sortKeyCondition(pattern.sortKey, pair.sk, fixed, (v) =>
              describeKey(pair.sk, v, pattern.sortKeyFacets ?? []),
            ),
      newestFirst,
    }),
  };
}

/**
 * One stored item type, ElectroDB-style: its key and index keys as
 * templates, and its access patterns. Every key of the item is built from
 * this definition, and the access-pattern table in docs/architecture.md is
 * written from it (`npm run docs:tables`).
 *
 * The definition comes as a function, and each call site is marked
 * `@__PURE__`: a key template is a tagged template, which esbuild never
 * treats as free of side effects, so an entity written as a plain object
 * stayed in every bundle that imports its module's `entities.ts`. As a
 * function the definition has no side effects to keep, and a bundle drops
 * the entities it never uses.
 */
export const defineEntity =
  <T extends object = Record<string, unknown>>() =>
  <const D extends EntityDefinition>(define: () => D): Entity<T, D> => {
    const definition = define();
    const stored = definition.storedAs ?? definition.name;
    const key = (values: unknown): ItemKey => ({
      pk: buildKey(definition.key.pk, values),
      sk: buildKey(definition.key.sk, values),
    });
    const patterns = Object.fromEntries(
      Object.entries(definition.patterns).map(([name, p]) => [name, accessPattern(definition, name, p)]),
    );
    return {
      definition,
      stored,
      key,
      item: (attributes: T, placement: Readonly<Record<string, unknown>>) => {
        const indexKeys: Record<string, string> = {};
        for (const [index, pair] of Object.entries(definition.indexes ?? {})) {
          const values = placement[index];
          if (!values || !pair) continue;
          indexKeys[`${index}pk`] = buildKey(pair.pk, values);
          indexKeys[`${index}sk`] = buildKey(pair.sk, values);
        }
        return { ...key(placement.key), entity: stored, ...indexKeys, ...attributes };
      },
      get: async (table, values, read) => {
        const item = await getItem(table, key(values), { read });
        return item ? stripLayout<T>(item) : undefined;
      },
      // Built from the definition's own pattern names, so it has exactly the typed ones.
      patterns: patterns as Entity<T, D>['patterns'],
    };
  };
