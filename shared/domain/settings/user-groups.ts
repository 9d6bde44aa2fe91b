import { ConflictError } from '#domain/errors';
import { groupCycle, type UserGroup } from './setting';

/**
 * User groups form a tree (R-ST-4). Each group stores only the link to its
 * parent: moving a group moves its whole subtree in one write, and a path is
 * computed on read by walking the parent links. The walk is bounded by the
 * depth limit, so a read costs at most `maxGroupDepth` GetItems.
 */
export const maxGroupDepth = 10;

type Link = Pick<UserGroup, 'id' | 'parentId'>;

/**
 * Checks a move (or a create) of `groupId` under the new parent, given the
 * chain from the new parent up to its top-level group and the height of the
 * moved subtree (0 for a group without sub-groups). A group under itself or
 * under one of its own descendants would make a cycle: refused with 409.
 */
export function assertMovable(groupId: string, parentChain: readonly Link[], subtreeHeight: number): void {
  if (parentChain.some((g) => g.id === groupId)) throw groupCycle();
  const depth = parentChain.length + 1 + subtreeHeight;
  if (depth > maxGroupDepth) {
    throw new ConflictError(
      'limit-reached',
      `user groups nest at most ${maxGroupDepth} levels deep; this would make ${depth}`,
      [{ name: 'parentId', reason: `the tree would be deeper than ${maxGroupDepth} levels` }],
    );
  }
}

/**
 * Checks that a chain read by walking parent links is one: each group's
 * parent is the next one and the walk ended at a top-level group.
 */
export function isCompleteChain(chain: readonly Link[]): boolean {
  return chain.every((g, i) => {
    const next = chain[i + 1];
    return next ? g.parentId === next.id : g.parentId === undefined;
  });
}

/** How many levels lie below `rootId`, given each group's children (0 for a leaf). */
export function subtreeHeight(rootId: string, childrenOf: ReadonlyMap<string, readonly string[]>): number {
  let height = 0;
  let level = [rootId];
  const seen = new Set(level);
  for (;;) {
    const next = level.flatMap((id) => childrenOf.get(id) ?? []).filter((id) => !seen.has(id));
    if (next.length === 0) return height;
    for (const id of next) seen.add(id);
    height += 1;
    level = next;
  }
}

export interface GroupTreeNode {
  readonly group: UserGroup;
  readonly children: readonly GroupTreeNode[];
}

/**
 * The groups as a tree under `rootId` (or all top-level groups), children by
 * title. Reports cut by a group take the group and everything below it.
 */
export function buildTree(groups: readonly UserGroup[], rootId?: string): GroupTreeNode[] {
  const byParent = new Map<string | undefined, UserGroup[]>();
  for (const group of groups) {
    const siblings = byParent.get(group.parentId) ?? [];
    siblings.push(group);
    byParent.set(group.parentId, siblings);
  }
  const seen = new Set<string>();
  const nodesUnder = (parentId: string | undefined): GroupTreeNode[] =>
    (byParent.get(parentId) ?? [])
      .filter((g) => !seen.has(g.id) && seen.add(g.id))
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((group) => ({ group, children: nodesUnder(group.id) }));
  if (rootId === undefined) return nodesUnder(undefined);
  const root = groups.find((g) => g.id === rootId);
  if (!root) return [];
  seen.add(root.id);
  return [{ group: root, children: nodesUnder(root.id) }];
}

/** Every group id of a tree, top-down: a report cut by a group counts all of them. */
export function idsOf(nodes: readonly GroupTreeNode[]): string[] {
  return nodes.flatMap((n) => [n.group.id, ...idsOf(n.children)]);
}
