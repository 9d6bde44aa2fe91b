import type { AccessPattern } from '#table/core/entity';
import type { AnyEntity } from '#table/core/entity-docs';

type Values = Record<string, unknown>;

/** A sample value of every facet of an entity's keys: each facet's example. */
export function sampleOf(entity: AnyEntity): Values {
  const { key, indexes = {} } = entity.definition;
  const pairs = [key, ...Object.values(indexes)];
  return Object.assign({}, ...pairs.flatMap((pair) => (pair ? [pair.pk.examples, pair.sk.examples] : [])));
}

/**
 * What a caller gives a pattern, from the sample: the partition's facets and
 * the sort key's as the pattern uses it (all of them to get one item, the
 * ones it names for a prefix or a range).
 */
export function patternSample(entity: AnyEntity, pattern: AccessPattern<Values>): Values {
  const { index, sortKey, sortKeyFacets = [], fixed } = pattern.definition;
  const sample = { ...sampleOf(entity), ...fixed };
  const pair = index === 'table' ? entity.definition.key : entity.definition.indexes?.[index];
  if (!pair) throw new Error(`${entity.definition.name} is not on ${index}`);
  const pick = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, sample[name]]));
  const partition = pick(pair.pk.facets.map((facet) => facet.name));
  if (sortKey === 'equals') return { ...partition, ...pick(pair.sk.facets.map((facet) => facet.name)) };
  const given = pick(sortKeyFacets);
  return sortKey === 'between' ? { ...partition, from: given, to: given } : { ...partition, ...given };
}
