import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessPatternRows, accessPatterns } from '#table/core/access-patterns';
import { keys } from '#table/core/keys';
import { topology } from '../../../lib/topology';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/architecture.md'), 'utf8');

describe('docs/architecture.md', () => {
  it('lists exactly the access patterns of the code, in order', () => {
    // Compare cells, not lines: a formatter may pad the table's columns.
    const cells = (line: string) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
    const documented = doc
      .split('\n')
      .map(cells)
      .filter((row) => row.length === 4 && ['table', 'gsi1', 'gsi2'].includes(row[1] as string));
    expect(documented).toEqual(accessPatternRows().map(cells));
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

describe('the documented key shapes', () => {
  it('are the ones the key module builds', () => {
    const shown = (pattern: string) => accessPatterns.find((p) => p.name === pattern)?.key;
    expect(shown('Account by id')).toBe(
      `pk = ${keys.account('t', 'id').pk}, sk = ${keys.account('t', 'id').sk}`,
    );
    expect(shown('Contact by id')).toBe(
      `pk = ${keys.contact('t', 'id').pk}, sk = ${keys.contact('t', 'id').sk}`,
    );
    expect(shown('Account with its contacts')).toBe(`gsi1pk = ${keys.accountCollection('t', 'id')}`);
    expect(shown('Identify by phone, e-mail or customer id')).toBe(
      `pk = ${keys.lookup('t', 'kind' as never, 'value')}`,
    );
    expect(shown('Tenant profile')).toBe(`pk = ${keys.tenant('t').pk}, sk = ${keys.tenant('t').sk}`);
    expect(shown('Outbox event')).toBe(
      `pk = ${keys.outbox('t', 'eventId').pk}, sk = ${keys.outbox('t', 'eventId').sk}`,
    );
    expect(shown('Accounts by name (filters: customerType, ownerId, statusTypeId)')).toContain(
      keys.accountList('t'),
    );
    expect(shown('Contacts by name')).toContain(keys.contactList('t'));
  });
});
