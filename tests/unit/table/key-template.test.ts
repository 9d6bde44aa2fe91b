import { describe, expect, it } from 'vitest';
import { defineEntity } from '#table/core/entity';
import { flag, folded, oneOf, orElse, padded, tenant, text, ulid, upperOneOf } from '#table/core/facets';
import { key } from '#table/core/key-template';

describe('key', () => {
  const reading = key`READING#${text('register')}#${text('date')}#${text('readingId')}`;

  it('builds the whole key from its facets, each written its own way', () => {
    // Prepare
    const list = key`T#${tenant}#TASKS#${orElse('ownerId', '-')}#${upperOneOf('state', ['open', 'done'])}${flag('deleted', '#DELETED')}`;
    const version = key`PRICELIST#${padded('version', 6)}`;

    // Act
    const unowned = list.build({ tenantId: 'se', ownerId: undefined, state: 'open', deleted: true });
    const owned = list.build({ tenantId: 'se', ownerId: 'u-1', state: 'done', deleted: false });

    // Assess
    expect(unowned).toBe('T#se#TASKS#-#OPEN#DELETED');
    expect(owned).toBe('T#se#TASKS#u-1#DONE');
    expect(version.build({ version: 12 })).toBe('PRICELIST#000012');
  });

  it('refuses to build a whole key without one of its facets', () => {
    // Values from outside the type checker, e.g. an item stored before the facet existed.
    const partial: { register: string; date: string; readingId: string } = JSON.parse('{"register":"1.8.0"}');

    expect(() => reading.build(partial)).toThrow('has no date');
  });

  it('cuts a prefix at the first facet not given, keeping the text after the last one given', () => {
    expect(reading.prefix({ register: '1.8.0' })).toBe('READING#1.8.0#');
    expect(reading.prefix({ register: '1.8.0', date: '2026-03-01' })).toBe('READING#1.8.0#2026-03-01#');
    expect(reading.prefix({})).toBe('READING#');
    // A later facet without the ones before it cannot narrow the prefix.
    expect(reading.prefix({ date: '2026-03-01' })).toBe('READING#');
  });

  it('ends a prefix right after a search facet, which may be the start of a name', () => {
    const byName = key`${folded('name')}#${text('accountId')}`;

    expect(byName.prefix({ name: 'Öde' })).toBe('ode');
    expect(byName.prefix({})).toBe('');
    expect(byName.build({ name: 'Ödegård  Bygg', accountId: 'a-1' })).toBe('odegard bygg#a-1');
  });

  it('shows its shape with facets as placeholders, and the values a pattern fixes', () => {
    const list = key`T#${tenant}#ACCOUNTS${flag('deleted', '#DELETED')}`;

    expect(list.shape).toBe('T#<tenantId>#ACCOUNTS[#DELETED]');
    expect(list.describe({ deleted: true })).toBe('T#<tenantId>#ACCOUNTS#DELETED');
    expect(reading.describe({}, ['register'])).toBe('READING#<register>#');
  });
});

describe('defineEntity', () => {
  const journey = defineEntity<{ readonly id: string; readonly title: string }>()(() => ({
    name: 'Journey',
    description: 'A journey.',
    key: { pk: key`T#${tenant}#JOURNEY#${text('journeyId')}`, sk: key`JOURNEY` },
    indexes: {
      gsi1: {
        pk: key`T#${tenant}#ACCOUNT#${text('accountId')}`,
        sk: key`JOURNEY#${oneOf('status', ['OPEN', 'CLOSED'])}#${ulid('journeyId')}`,
      },
    },
    patterns: {
      byId: { index: 'table', sortKey: 'equals', operation: 'GetItem' },
      openOfAccount: {
        index: 'gsi1',
        fixed: { status: 'OPEN' },
        sortKey: 'beginsWith',
        order: 'descending',
        operation: 'Query',
      },
    },
  }));
  const at = { tenantId: 'se', journeyId: 'j-1' };

  it('writes the key, the entity and the index keys where the item is placed', () => {
    // Act
    const open = journey.item(
      { id: 'j-1', title: 'Move in' },
      { key: at, gsi1: { ...at, accountId: 'a-1', status: 'OPEN' } },
    );
    const off = journey.item({ id: 'j-1', title: 'Move in' }, { key: at });

    // Assess
    expect(open).toEqual({
      pk: 'T#se#JOURNEY#j-1',
      sk: 'JOURNEY',
      entity: 'Journey',
      gsi1pk: 'T#se#ACCOUNT#a-1',
      gsi1sk: 'JOURNEY#OPEN#j-1',
      id: 'j-1',
      title: 'Move in',
    });
    expect(off).not.toHaveProperty('gsi1pk');
  });

  it('gives each pattern the key condition and order it is defined with', () => {
    // Act
    const open = journey.patterns.openOfAccount.query({ tenantId: 'se', accountId: 'a-1' });
    const shown = journey.patterns.openOfAccount.describe();

    // Assess
    expect(open).toEqual({
      index: 'gsi1',
      partition: 'T#se#ACCOUNT#a-1',
      sortKey: { op: 'begins_with', value: 'JOURNEY#OPEN#' },
      newestFirst: true,
    });
    expect(shown).toMatchObject({
      partition: 'T#<tenantId>#ACCOUNT#<accountId>',
      sortKey: { op: 'begins_with', value: 'JOURNEY#OPEN#' },
    });
  });
});
