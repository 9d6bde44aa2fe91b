import type { AccessPattern, EntityDefinition, KeyPair } from './entity';
import { conditionText } from './key-condition';
import type { ItemKey } from './key-template';

type Values = Readonly<Record<string, unknown>>;

/** What the docs and their checks read of an entity, whatever its item and facets. */
export interface AnyEntity {
  readonly definition: EntityDefinition;
  readonly stored: string;
  key(values: Values): ItemKey;
  item(attributes: object, placement: Readonly<Record<string, Values | undefined>>): Record<string, unknown>;
  readonly patterns: Readonly<Record<string, AccessPattern<Values>>>;
}

/** The markers around a generated block of docs/architecture.md. */
export const generatedBlock = (name: string) => ({
  begin: `<!-- generated: ${name} (npm run docs:tables); edit the entity definitions, not this table -->`,
  end: `<!-- end of generated: ${name} -->`,
});

const code = (text: string) => `\`${text}\``;
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function pairShape(pair: KeyPair<never, never> | undefined): string {
  return pair ? `${code(pair.pk.shape)}, ${code(pair.sk.shape)}` : '';
}

/** Every stored item type: its keys and where it is placed on the indexes. */
export function itemRows(entities: readonly AnyEntity[]): string[] {
  return [
    row(['item', 'pk', 'sk', 'gsi1pk, gsi1sk', 'gsi2pk, gsi2sk', 'what it is']),
    row(['---', '---', '---', '---', '---', '---']),
    ...entities.map(({ definition: d, stored }) =>
      row([
        stored === d.name ? d.name : `${d.name} (\`entity\` ${stored})`,
        code(d.key.pk.shape),
        code(d.key.sk.shape),
        pairShape(d.indexes?.gsi1),
        pairShape(d.indexes?.gsi2),
        d.description,
      ]),
    ),
  ];
}

/**
 * A Query's order in words: by the first facet of the sort key the pattern
 * leaves open (ULIDs and dates sort by time). A prefix pins the facets it
 * gives whole; a range (`before`, `atMost`, `between`) all but its bound.
 */
export function orderWords(entity: AnyEntity, pattern: AccessPattern<Values>): string {
  const { definition: p } = pattern;
  if (p.sortKey === 'equals') return '—';
  const pair = p.index === 'table' ? entity.definition.key : entity.definition.indexes?.[p.index];
  const given = p.sortKeyFacets ?? [];
  const pinned = new Set([
    ...Object.keys(p.fixed ?? {}),
    ...(p.sortKey === 'beginsWith' ? given : given.slice(0, -1)),
  ]);
  const open = pair?.sk.facets.find((facet) => !pinned.has(facet.name) || facet.partial);
  const direction = p.order ?? 'ascending';
  if (!open) return direction;
  return open.sorts?.[direction] ?? `${direction} by ${code(`<${open.name}>`)}`;
}

/** Every access pattern: its index, key condition, order and operations. */
export function patternRows(entities: readonly AnyEntity[]): string[] {
  return [
    row(['item', 'pattern', 'index', 'key condition', 'order', 'operation']),
    row(['---', '---', '---', '---', '---', '---']),
    ...entities.flatMap((entity) =>
      Object.values(entity.patterns).map((pattern) =>
        row([
          [entity.definition.name, ...(pattern.definition.alsoReturns ?? [])].join(', '),
          code(pattern.name),
          pattern.definition.index,
          code(conditionText(pattern.describe())),
          orderWords(entity, pattern),
          pattern.definition.operation,
        ]),
      ),
    ),
  ];
}

/** Replaces the lines between a block's markers; the markers must be there, once each. */
export function replaceBlock(doc: string, name: string, lines: readonly string[]): string {
  const { begin, end } = generatedBlock(name);
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from || doc.indexOf(begin, from + 1) >= 0) {
    throw new Error(`docs: the block "${name}" needs its two markers, once each`);
  }
  return `${doc.slice(0, from + begin.length)}\n${lines.join('\n')}\n${doc.slice(to)}`;
}

/** The document with both tables written from the entity definitions. */
export function withGeneratedTables(doc: string, entities: readonly AnyEntity[]): string {
  return replaceBlock(
    replaceBlock(doc, 'items', itemRows(entities)),
    'access-patterns',
    patternRows(entities),
  );
}
