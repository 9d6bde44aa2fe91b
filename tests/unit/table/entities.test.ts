import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableEntities } from '#table/catalogue';
import type { AnyEntity } from '#table/core/entity-docs';
import { type KeyCondition, keyNames } from '#table/core/key-condition';
import { tableDefinition } from '../../../lib/table-definition';
import { patternSample, sampleOf } from './entity-samples';

const sharedDir = path.resolve(import.meta.dirname, '../../../shared');

/** Every TypeScript file under a folder, by its path from `shared/`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(sharedDir, path.join(entry.parentPath, entry.name)));
}

const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');

/** Whether an item with these attributes is among what the Query reads. */
function finds(condition: KeyCondition, item: Record<string, unknown>): boolean {
  const names = keyNames(condition.index);
  const [pk, sk] = [item[names.pk], String(item[names.sk])];
  if (pk !== condition.partition) return false;
  const sortKey = condition.sortKey;
  if (!sortKey) return true;
  switch (sortKey.op) {
    case '=':
      return sk === sortKey.value;
    case 'between':
      return sk >= sortKey.value && sk <= sortKey.to;
    // The bound of a range is built like the key: the sample's own key starts with it.
    default:
      return sk.startsWith(sortKey.value);
  }
}

const patterns = tableEntities.flatMap((entity) =>
  Object.values(entity.patterns).map(
    (pattern) => [`${entity.definition.name}.${pattern.name}`, entity, pattern] as const,
  ),
);

describe('the entity definitions', () => {
  it.each(patterns)('make %s read the items its entity writes', (_, entity, pattern) => {
    // Prepare
    const sample = { ...sampleOf(entity), ...pattern.definition.fixed };
    const item = entity.item({}, { key: sample, gsi1: sample, gsi2: sample });

    // Act
    const condition = pattern.query(patternSample(entity, pattern));

    // Assess
    expect(finds(condition, item), JSON.stringify({ condition, item })).toBe(true);
  });

  it('start every partition key with the tenant', () => {
    // The subject's partition is another item's; a webhook route is how a webhook finds its tenant;
    // the daily contract jobs read one day range across tenants.
    const tenantless = [
      'WebhookRoute',
      'SigningCallback',
      'ContractDue',
      'CommissionDue',
      'ChannelRoute',
      'RejectedMail',
    ];
    const exempt = (shape: string, entity: AnyEntity) =>
      shape === '<subjectPk>' || tenantless.includes(entity.definition.name);
    const partitions = tableEntities.flatMap((entity) => {
      const { key, indexes = {} } = entity.definition;
      return [key, ...Object.values(indexes)].flatMap((pair) =>
        pair && !exempt(pair.pk.shape, entity) ? [pair.pk.shape] : [],
      );
    });

    expect(partitions.filter((shape) => !shape.startsWith('T#<tenantId>#'))).toEqual([]);
  });

  it('read the table and each of its indexes', () => {
    const read = new Set(patterns.map(([, , pattern]) => pattern.definition.index));

    expect([...read].sort()).toEqual(['table', ...tableDefinition.globalIndexes.map((i) => i.name)].sort());
  });

  it('give every item type a pattern that reads or writes it', () => {
    const names = tableEntities.map((entity) => entity.definition.name);
    const covered = patterns.flatMap(([, entity, pattern]) => [
      entity.definition.name,
      ...(pattern.definition.alsoReturns ?? []),
    ]);

    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => !covered.includes(name))).toEqual([]);
    expect(covered.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('are all in the catalogue the docs are written from', async () => {
    const defined: unknown[] = [];
    for (const file of sourceFiles(path.join(sharedDir, 'table')).filter((f) => f.endsWith('entities.ts'))) {
      const module: Record<string, unknown> = await import(path.join(sharedDir, file));
      defined.push(
        ...Object.values(module).filter(
          (value) => typeof value === 'object' && value !== null && 'definition' in value,
        ),
      );
    }

    expect(defined.filter((entity) => !(tableEntities as readonly unknown[]).includes(entity))).toEqual([]);
    expect(defined).toHaveLength(tableEntities.length);
  });
});

describe('the table access layer', () => {
  // Keys, key conditions and single reads each have one home; a file that builds its own bypasses the docs.
  const rules = [
    { what: 'a key written out', pattern: /[`'"]T#|\bsk: [`'"][A-Z]+#/, home: /(^|\/)entities\.ts$/ },
    { what: 'a key condition', pattern: /KeyConditionExpression/, home: /^table\/core\/key-condition\.ts$/ },
    { what: 'a GetItem', pattern: /new GetCommand\(/, home: /^table\/core\/get-item\.ts$/ },
  ];

  it.each(rules)('has $what only in its one place', ({ pattern, home }) => {
    const offending = sourceFiles(sharedDir).filter(
      (file) =>
        !home.test(file) && pattern.test(withoutComments(readFileSync(path.join(sharedDir, file), 'utf8'))),
    );

    expect(offending).toEqual([]);
  });
});
