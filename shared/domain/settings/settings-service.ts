import { assertVersion, ConflictError, NotFoundError, ValidationError } from '#domain/errors';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { touched } from '#domain/stamps';
import type { UserLookup } from '#domain/users/user-lookup';
import {
  createSetting,
  groupCycle,
  isOrderedKind,
  type OrderedKind,
  type Setting,
  type SettingDraft,
  type SettingOf,
  type SettingPatch,
  settingNames,
  type UserGroup,
  updateSetting,
} from './setting';
import { SettingRemoval } from './setting-removal';
import { newSettingsEvent } from './settings-events';
import type { SettingKind } from './settings-lookup';
import type { SettingFilter, SettingsStore, TreeWriteOptions } from './stores';
import { settingsSubject } from './subjects';
import {
  assertMovable,
  buildTree,
  type GroupTreeNode,
  idsOf,
  isCompleteChain,
  maxGroupDepth,
  subtreeHeight,
} from './user-groups';

/**
 * One reorder is one transaction: each setting whose order changes, and
 * its order guards. 30 settings stay well inside DynamoDB's 100 items.
 */
export const maxReorder = 30;

/** Lists read whole (reorder, the group tree) are read in pages of this size. */
const wholeListPage = 100;

export interface GroupPathEntry {
  readonly id: string;
  readonly title: string;
}

/** Tenant settings: the lists of R-ST-1 … R-ST-6, managed by admins, read by everyone. */
export class SettingsService {
  private readonly removal: SettingRemoval;

  constructor(
    private readonly deps: ServiceDeps & {
      readonly settings: SettingsStore;
      /** When given, new members of a user group must be active users of the tenant. */
      readonly users?: UserLookup;
    },
  ) {
    this.removal = new SettingRemoval(deps);
  }

  async create<K extends SettingKind>(
    actor: Actor,
    kind: K,
    draft: SettingDraft<K>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<SettingOf<K>>> {
    const ctx = await changeContext(this.deps, actor);
    const givenOrder = (draft as { order?: number }).order;
    const nextOrder =
      isOrderedKind(kind) && givenOrder === undefined
        ? (await this.deps.settings.highestOrder(actor.tenantId, kind)) + 1
        : undefined;
    const setting = createSetting(kind, this.deps.ids.next(), draft, ctx, nextOrder);
    const options = await this.checkRules(actor, undefined, setting);
    const event = newSettingsEvent(this.deps, ctx, 'SettingCreated', {
      subject: settingsSubject('setting', setting.id),
      data: { setting },
    });
    const created = await this.deps.settings.create(setting, event, options, idempotency);
    return created as Created<SettingOf<K>>;
  }

  /** A deleted setting, one of another kind and another tenant's all answer 404. */
  async get<K extends SettingKind>(actor: Actor, kind: K, settingId: string): Promise<SettingOf<K>> {
    const setting = await this.deps.settings.get(actor.tenantId, settingId);
    if (!setting || setting.kind !== kind || setting.deletedAt !== undefined) {
      throw new NotFoundError(settingNames[kind], settingId);
    }
    return setting as SettingOf<K>;
  }

  list(actor: Actor, kind: SettingKind, filter: SettingFilter, page: PageRequest): Promise<Page<Setting>> {
    return this.deps.settings.list(actor.tenantId, kind, filter, page);
  }

  async update<K extends SettingKind>(
    actor: Actor,
    kind: K,
    settingId: string,
    expectedVersion: number,
    patch: SettingPatch<K>,
  ): Promise<SettingOf<K>> {
    const current = await this.get(actor, kind, settingId);
    assertVersion(settingNames[kind], current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const { setting, changes } = updateSetting(current, patch, ctx);
    if (changes.length === 0) return current;
    const options = await this.checkRules(actor, current, setting);
    const event = newSettingsEvent(this.deps, ctx, 'SettingUpdated', {
      subject: settingsSubject('setting', settingId),
      data: { setting },
      changes,
    });
    await this.deps.settings.update(current, setting, event, options);
    return setting;
  }

  /**
   * Soft delete. A setting in use is refused with 409 naming what uses it;
   * so is a user group with sub-groups, the last loss reason while a lost
   * deal stage exists, and an industry held by a running move-customers job.
   * An industry in use is re-pointed with `MoveCustomersRequests.request`
   * (`DELETE …?replaceWith=`) instead.
   */
  async remove(actor: Actor, kind: SettingKind, settingId: string, expectedVersion?: number): Promise<void> {
    const current = await this.get(actor, kind, settingId);
    assertVersion(settingNames[kind], current, expectedVersion);
    if (kind === 'loss-reason') await this.assertNotLastLossReason(actor, settingId);
    await this.removal.remove(actor, current);
  }

  /**
   * Gives the status types (or deal stages) the orders 1, 2, 3 … in the
   * order of `ids`, which must name each of them exactly once.
   */
  async reorder(actor: Actor, kind: OrderedKind, ids: readonly string[]): Promise<Setting[]> {
    const all = await this.all(actor, kind);
    const name = `${settingNames[kind]}s`;
    if (all.length > maxReorder) {
      throw new ConflictError(
        'limit-reached',
        `at most ${maxReorder} ${name} can be reordered at once; there are ${all.length}`,
      );
    }
    const known = new Set(all.map((s) => s.id));
    const unknown = ids.map((id, index) => ({ id, index })).filter(({ id }) => !known.has(id));
    if (unknown.length > 0) {
      throw new ValidationError(
        unknown.map(({ index }) => ({ name: `ids.${index}`, reason: `is not one of the ${name}` })),
      );
    }
    if (new Set(ids).size !== ids.length || ids.length !== all.length) {
      throw new ValidationError([
        { name: 'ids', reason: `must list every one of the ${all.length} ${name} exactly once` },
      ]);
    }
    const ctx = await changeContext(this.deps, actor);
    const byId = new Map(all.map((s) => [s.id, s]));
    const previous: Setting[] = [];
    const next: Setting[] = [];
    const ordered = ids.map((id, index) => {
      const current = byId.get(id) as SettingOf<OrderedKind>;
      if (current.order === index + 1) return current;
      const moved = touched({ ...current, order: index + 1 }, ctx);
      previous.push(current);
      next.push(moved);
      return moved;
    });
    if (next.length === 0) return ordered;
    const event = newSettingsEvent(this.deps, ctx, 'SettingsReordered', {
      subject: settingsSubject('setting', kind),
      data: { kind, ids },
      changes: previous.map((p, i) => ({
        field: `${p.id}.order`,
        from: (p as SettingOf<OrderedKind>).order,
        to: (next[i] as SettingOf<OrderedKind>).order,
      })),
    });
    await this.deps.settings.reorder(previous, next, event);
    return ordered;
  }

  /** The groups above a user group, from the top down to its parent (computed from the parent links). */
  async groupPath(actor: Actor, groupId: string): Promise<GroupPathEntry[]> {
    const group = await this.get(actor, 'user-group', groupId);
    const chain = await this.chainFrom(actor, group.parentId, group.id);
    return chain.reverse().map((g) => ({ id: g.id, title: g.title }));
  }

  /** The user group tree, or the subtree under one group (reports cut by a group use all its ids). */
  async groupTree(actor: Actor, rootId?: string): Promise<GroupTreeNode[]> {
    if (rootId !== undefined) await this.get(actor, 'user-group', rootId);
    return buildTree((await this.all(actor, 'user-group')) as UserGroup[], rootId);
  }

  /** The ids of a group and all groups below it. */
  async groupAndDescendants(actor: Actor, groupId: string): Promise<string[]> {
    return idsOf(await this.groupTree(actor, groupId));
  }

  /** Every live setting of a kind, page by page. */
  private async all(actor: Actor, kind: SettingKind): Promise<Setting[]> {
    const items: Setting[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.settings.list(actor.tenantId, kind, {}, { limit: wholeListPage, cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** The rules that involve other settings than the one written. */
  private async checkRules(
    actor: Actor,
    previous: Setting | undefined,
    next: Setting,
  ): Promise<TreeWriteOptions> {
    if (next.kind === 'deal-stage') {
      const wasLost = previous?.kind === 'deal-stage' && previous.status === 'lost';
      if (next.status === 'lost' && !wasLost) await this.assertLossReasonsExist(actor);
    }
    if (next.kind !== 'user-group') return {};
    const before = previous?.kind === 'user-group' ? previous : undefined;
    await this.assertActiveMembers(actor, before?.members ?? [], next.members);
    if (before && before.parentId === next.parentId) return {};
    if (next.parentId === undefined) return { parentChain: [] };
    const chain = await this.chainFrom(actor, next.parentId, next.id);
    const height = before ? await this.heightBelow(actor, next.id) : 0;
    assertMovable(next.id, chain, height);
    return { parentChain: chain.map((g) => ({ id: g.id, version: g.version })) };
  }

  /** R-ST-6: a deal lost in a stage needs a loss reason, so a lost stage needs the list to exist. */
  private async assertLossReasonsExist(actor: Actor): Promise<void> {
    const reasons = await this.deps.settings.list(actor.tenantId, 'loss-reason', {}, { limit: 1 });
    if (reasons.items.length === 0) {
      throw new ConflictError(
        'missing-prerequisite',
        'a lost deal stage needs loss reasons: create at least one loss reason first',
        [{ name: 'status', reason: 'no loss reasons exist yet' }],
      );
    }
  }

  private async assertNotLastLossReason(actor: Actor, reasonId: string): Promise<void> {
    const reasons = await this.deps.settings.list(actor.tenantId, 'loss-reason', {}, { limit: 2 });
    if (reasons.items.some((r) => r.id !== reasonId)) return;
    const stages = (await this.all(actor, 'deal-stage')) as SettingOf<'deal-stage'>[];
    const lost = stages.filter((s) => s.status === 'lost');
    if (lost.length > 0) {
      throw new ConflictError(
        'setting-in-use',
        `the last loss reason cannot be deleted while lost deal stages exist (${lost.map((s) => s.title).join(', ')})`,
      );
    }
  }

  private async assertActiveMembers(
    actor: Actor,
    before: readonly string[],
    after: readonly string[],
  ): Promise<void> {
    const users = this.deps.users;
    if (!users) return;
    const existing = new Set(before);
    const problems = await Promise.all(
      after.map(async (userId, index) => {
        if (existing.has(userId)) return undefined;
        const user = await users.user(actor.tenantId, userId);
        if (!user) return { name: `members.${index}`, reason: 'no such user' };
        return user.active ? undefined : { name: `members.${index}`, reason: 'the user is deactivated' };
      }),
    );
    const invalid = problems.filter((p) => p !== undefined);
    if (invalid.length > 0) throw new ValidationError(invalid);
  }

  /**
   * The groups from `parentId` up to the top, by their parent links. Meeting
   * `movingId` on the way means the move would close a cycle.
   */
  private async chainFrom(
    actor: Actor,
    parentId: string | undefined,
    movingId: string,
  ): Promise<UserGroup[]> {
    const chain: UserGroup[] = [];
    for (let id = parentId; id !== undefined; ) {
      if (id === movingId) throw groupCycle();
      if (chain.length >= maxGroupDepth) break;
      const group = await this.deps.settings.get(actor.tenantId, id);
      if (group?.kind !== 'user-group' || group.deletedAt !== undefined) {
        if (chain.length === 0) {
          throw new ValidationError([{ name: 'parentId', reason: 'is not a user group of this tenant' }]);
        }
        throw new ConflictError('changed-meanwhile', 'the user group tree changed meanwhile; read it again');
      }
      chain.push(group);
      id = group.parentId;
    }
    if (chain.length > 0 && !isCompleteChain(chain)) {
      throw new ConflictError('limit-reached', `user groups nest at most ${maxGroupDepth} levels deep`, [
        { name: 'parentId', reason: `the tree would be deeper than ${maxGroupDepth} levels` },
      ]);
    }
    return chain;
  }

  /** How many levels lie below a group, read level by level (no deeper than the limit allows). */
  private async heightBelow(actor: Actor, groupId: string): Promise<number> {
    const childrenOf = new Map<string, string[]>();
    let level = [groupId];
    for (let depth = 0; level.length > 0 && depth < maxGroupDepth; depth++) {
      const next: string[] = [];
      for (const id of level) {
        const children: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await this.deps.settings.list(
            actor.tenantId,
            'user-group',
            { parentId: id },
            { limit: wholeListPage, cursor },
          );
          children.push(...page.items.map((g) => g.id));
          cursor = page.nextCursor;
        } while (cursor);
        childrenOf.set(id, children);
        next.push(...children);
      }
      level = next;
    }
    return subtreeHeight(groupId, childrenOf);
  }
}
