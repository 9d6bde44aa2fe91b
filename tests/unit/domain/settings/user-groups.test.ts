import { describe, expect, it } from 'vitest';
import { ConflictError } from '#domain/errors';
import type { UserGroup } from '#domain/settings/setting';
import {
  assertMovable,
  buildTree,
  type GroupTreeNode,
  idsOf,
  isCompleteChain,
  maxGroupDepth,
  subtreeHeight,
} from '#domain/settings/user-groups';

function group(id: string, parentId?: string): UserGroup {
  return {
    id,
    kind: 'user-group',
    title: id,
    type: 'Standard',
    members: [],
    ...(parentId ? { parentId } : {}),
    usage: { accounts: 0, contacts: 0, deals: 0 },
    tenantId: 'tenant-se',
    createdAt: '2025-03-01T10:00:00.000Z',
    createdBy: 'admin',
    updatedAt: '2025-03-01T10:00:00.000Z',
    updatedBy: 'admin',
    version: 1,
  };
}

/**
 * sales
 * ├── north
 * │   └── north-east
 * │       └── kiruna
 * └── south
 * service
 */
const tree = [
  group('sales'),
  group('north', 'sales'),
  group('north-east', 'north'),
  group('kiruna', 'north-east'),
  group('south', 'sales'),
  group('service'),
];
const byId = new Map(tree.map((g) => [g.id, g]));

/** The chain from a group up to its top-level group, as the service reads it. */
function chainFrom(id: string): UserGroup[] {
  const chain: UserGroup[] = [];
  for (let g = byId.get(id); g; g = g.parentId ? byId.get(g.parentId) : undefined) chain.push(g);
  return chain;
}

function childrenOf(groups: readonly UserGroup[]) {
  const children = new Map<string, string[]>();
  for (const g of groups)
    if (g.parentId) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g.id]);
  return children;
}

const shape = (nodes: readonly GroupTreeNode[]): unknown =>
  nodes.map((n) => (n.children.length > 0 ? { [n.group.id]: shape(n.children) } : n.group.id));

describe('assertMovable', () => {
  it('refuses a group under itself', () => {
    // Act
    const act = () => assertMovable('north', chainFrom('north'), 2);

    // Assess
    expect(act).toThrow(ConflictError);
  });

  it('refuses a group under its own child, and under a descendant further down', () => {
    // Act
    const underChild = () => assertMovable('north', chainFrom('north-east'), 2);
    const underGrandchild = () => assertMovable('sales', chainFrom('kiruna'), 3);

    // Assess
    expect(underChild).toThrow(/under itself or one of its own sub-groups/);
    expect(underGrandchild).toThrow(ConflictError);
  });

  it('names parentId in the conflict, so a client can show it at the field', () => {
    // Act
    let fields: readonly { name: string }[] = [];
    try {
      assertMovable('north', chainFrom('kiruna'), 2);
    } catch (error) {
      if (error instanceof ConflictError) fields = error.fields;
    }

    // Assess
    expect(fields.map((f) => f.name)).toEqual(['parentId']);
  });

  it('allows a subtree under a group of another branch', () => {
    // Act
    const act = () => assertMovable('north', chainFrom('service'), 2);

    // Assess
    expect(act).not.toThrow();
  });

  it('counts the height of the moved subtree against the depth limit', () => {
    // Prepare: a chain of maxGroupDepth - 3 groups, and `north` carries two levels below it.
    const deep = Array.from({ length: maxGroupDepth - 3 }, (_, i) =>
      group(`d${i}`, i > 0 ? `d${i - 1}` : undefined),
    );
    const deepChain = [...deep].reverse();

    // Act
    const fits = () => assertMovable('north', deepChain, 2);
    const tooDeep = () => assertMovable('north', [group('extra', deepChain[0]?.id), ...deepChain], 2);

    // Assess
    expect(fits).not.toThrow();
    expect(tooDeep).toThrow(/at most 10 levels/);
  });
});

describe('a subtree move', () => {
  it('moves the whole subtree by changing one parent link', () => {
    // Prepare
    const moved = tree.map((g) => (g.id === 'north' ? { ...g, parentId: 'service' } : g));

    // Act
    const before = shape(buildTree(tree));
    const after = shape(buildTree(moved));

    // Assess
    expect(before).toEqual([{ sales: [{ north: [{ 'north-east': ['kiruna'] }] }, 'south'] }, 'service']);
    expect(after).toEqual([{ sales: ['south'] }, { service: [{ north: [{ 'north-east': ['kiruna'] }] }] }]);
  });

  it('lists a group and everything below it, for a report cut by the group', () => {
    // Act
    const ids = idsOf(buildTree(tree, 'north'));

    // Assess
    expect(ids).toEqual(['north', 'north-east', 'kiruna']);
  });
});

describe('subtreeHeight', () => {
  it('is 0 for a leaf and counts the levels below a group', () => {
    // Prepare
    const children = childrenOf(tree);

    // Act
    const heights = ['kiruna', 'north-east', 'north', 'sales', 'service'].map((id) =>
      subtreeHeight(id, children),
    );

    // Assess
    expect(heights).toEqual([0, 1, 2, 3, 0]);
  });
});

describe('isCompleteChain', () => {
  it('accepts a chain that ends at a top-level group and refuses one cut short or broken', () => {
    // Act
    const whole = isCompleteChain(chainFrom('kiruna'));
    const cut = isCompleteChain(chainFrom('kiruna').slice(0, 2));
    const broken = isCompleteChain([byId.get('kiruna') as UserGroup, byId.get('sales') as UserGroup]);

    // Assess
    expect([whole, cut, broken]).toEqual([true, false, false]);
  });
});
