import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { lookupOwnersEntity } from '#table/accounts/entities';
import { type LookupSet, lookupChanges, oneWritePerOwnersItem } from '#table/accounts/lookups';
import type { Change } from '#table/core/commit-change';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';

const table: Table = { name: 'test', client: {} as DynamoDBDocumentClient };

const account = (phones: string[], email?: string): LookupSet => ({
  owner: { tenantId: 't1', subject: 'ACCOUNT', id: 'a1', accountId: 'a1' },
  entries: [
    ...phones.map((value) => ({ kind: 'phone' as const, value })),
    ...(email ? [{ kind: 'email' as const, value: email }] : []),
  ],
});

/** The owners-item writes among a change's lookup writes: value, action and owners. */
const ownersWrites = (items: readonly TransactItem[]) =>
  items.flatMap(({ Update }) =>
    Update?.ExpressionAttributeValues?.[':entity'] === lookupOwnersEntity.stored
      ? [
          {
            pk: Update.Key?.pk,
            action: Update.UpdateExpression?.includes('ADD') ? 'ADD' : 'DELETE',
            owners: [...(Update.ExpressionAttributeValues[':owners'] as Set<string>)].sort(),
          },
        ]
      : [],
  );

const ownersPk = (kind: 'phone' | 'email', value: string) =>
  lookupOwnersEntity.key({ tenantId: 't1', kind, value }).pk;

describe('lookupChanges', () => {
  it('adds the owner to the owners item of each new phone and e-mail, and removes it from a dropped one', () => {
    // Act
    const items = lookupChanges(
      table,
      account(['+46812345678', '+46701234567']),
      account(['+46701234567'], 'info@example.se'),
    );

    // Assess
    expect(ownersWrites(items)).toEqual([
      { pk: ownersPk('phone', '+46812345678'), action: 'DELETE', owners: ['ACCOUNT#a1'] },
      { pk: ownersPk('email', 'info@example.se'), action: 'ADD', owners: ['ACCOUNT#a1'] },
    ]);
  });

  it('writes no owners item for a customer id, nor for values the owner keeps', () => {
    // Prepare
    const withCustomerId: LookupSet = {
      ...account(['+46701234567']),
      entries: [...account(['+46701234567']).entries, { kind: 'customerId', value: 'K-1' }],
    };

    // Act
    const created = lookupChanges(table, undefined, {
      ...withCustomerId,
      entries: withCustomerId.entries.slice(1),
    });
    const moved = lookupChanges(table, account(['+46701234567']), {
      ...account(['+46701234567']),
      owner: { ...account([]).owner, accountId: 'a2' },
    });

    // Assess
    expect(ownersWrites(created)).toEqual([]);
    expect(ownersWrites(moved)).toEqual([]);
  });
});

describe('oneWritePerOwnersItem', () => {
  it('writes an owners item two changes of one transaction add to once, with both owners', () => {
    // Prepare
    const contact: LookupSet = {
      owner: { tenantId: 't1', subject: 'CONTACT', id: 'c1', accountId: 'a1' },
      entries: [
        { kind: 'phone', value: '+46701234567' },
        { kind: 'email', value: 'karin@example.se' },
      ],
    };
    const change = (lookups: TransactItem[]) => ({ lookups }) as unknown as Change;

    // Act
    const [first, second] = oneWritePerOwnersItem([
      change(lookupChanges(table, undefined, account(['+46701234567']))),
      change(lookupChanges(table, undefined, contact)),
    ]);

    // Assess
    expect(ownersWrites(first?.lookups ?? [])).toEqual([
      { pk: ownersPk('phone', '+46701234567'), action: 'ADD', owners: ['ACCOUNT#a1', 'CONTACT#c1'] },
    ]);
    expect(ownersWrites(second?.lookups ?? [])).toEqual([
      { pk: ownersPk('email', 'karin@example.se'), action: 'ADD', owners: ['CONTACT#c1'] },
    ]);
    expect(second?.lookups?.filter((item) => item.Put)).toHaveLength(2);
  });
});
