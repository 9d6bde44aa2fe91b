import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableEntities } from '#table/catalogue';
import { generatedBlock, itemRows, patternRows } from '#table/core/entity-docs';
import { conditionText } from '#table/core/key-condition';
import { topology } from '../../../lib/topology';
import { patternSample, sampleOf } from '../table/entity-samples';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/architecture.md'), 'utf8');

// Compare cells, not lines: a formatter may pad the table's columns.
const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim().replace(/^-+$/, '---'));

/** The rows of a generated table of the document, as cells. */
function documented(block: string): string[][] {
  const { begin, end } = generatedBlock(block);
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  expect(from, `the marker ${begin}`).toBeGreaterThanOrEqual(0);
  expect(to, `the marker ${end}`).toBeGreaterThan(from);
  return doc
    .slice(from + begin.length, to)
    .trim()
    .split('\n')
    .map(cells);
}

/** A documented key shape as a pattern: each `<facet>` (or `[#MARKER]`) stands for any value. */
function shapePattern(shape: string): RegExp {
  const parts = shape.replace(/^`|`$/g, '').split(/<[^<>]+>|\[[^\]]+\]/);
  return new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

describe('docs/architecture.md', () => {
  it('lists every stored item with the keys its definition gives it', () => {
    expect(documented('items')).toEqual(itemRows(tableEntities).map(cells));
  });

  it('lists exactly the access patterns of the definitions, in order', () => {
    expect(documented('access-patterns')).toEqual(patternRows(tableEntities).map(cells));
  });

  it('names every function, queue and rule of the topology', () => {
    const names = [
      ...topology.functions.map((f) => f.name),
      ...topology.queues.map((q) => q.name),
      ...topology.rules.map((r) => r.name),
    ];
    expect(names.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });
});

describe('the documented keys', () => {
  const items = new Map(documented('items').map((row) => [row[0]?.split(' ')[0], row]));
  const patterns = new Map(
    documented('access-patterns').map((row) => [`${row[0]?.split(',')[0]} ${row[1]}`, row]),
  );

  it.each(tableEntities.map((entity) => [entity.definition.name, entity] as const))(
    'are the keys the builders of %s make',
    (name, entity) => {
      // Prepare
      const row = items.get(name);
      const sample = sampleOf(entity);

      // Act
      const key = entity.key(sample);
      const item = entity.item({}, { key: sample, gsi1: sample, gsi2: sample });

      // Assess
      expect(row, `${name} in the items table`).toBeDefined();
      const [, pk = '', sk = '', gsi1 = '', gsi2 = ''] = row ?? [];
      expect(key.pk).toMatch(shapePattern(pk));
      expect(key.sk).toMatch(shapePattern(sk));
      for (const [index, shown] of [
        ['gsi1', gsi1],
        ['gsi2', gsi2],
      ] as const) {
        const [indexPk = '', indexSk = ''] = shown.split(', ');
        const placed = [item[`${index}pk`], item[`${index}sk`]];
        if (shown === '') expect(placed).toEqual([undefined, undefined]);
        else
          expect(placed).toEqual([
            expect.stringMatching(shapePattern(indexPk)),
            expect.stringMatching(shapePattern(indexSk)),
          ]);
      }
    },
  );

  it.each(
    tableEntities.flatMap((entity) =>
      Object.values(entity.patterns).map(
        (pattern) => [`${entity.definition.name}.${pattern.name}`, entity, pattern] as const,
      ),
    ),
  )('of %s are the key condition its builders make', (_, entity, pattern) => {
    // Prepare
    const row = patterns.get(`${entity.definition.name} \`${pattern.name}\``);

    // Act
    const condition = conditionText(pattern.query(patternSample(entity, pattern)));

    // Assess
    expect(row, 'the pattern in the access-pattern table').toBeDefined();
    expect(row?.[2]).toBe(pattern.definition.index);
    expect(condition).toMatch(shapePattern(row?.[3] ?? ''));
  });
});
