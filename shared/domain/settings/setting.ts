import { ConflictError, type InvalidField, ValidationError } from '#domain/errors';
import type { FieldChange } from '#domain/events';
import { mergePatch } from '#domain/patch';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';
import type { SettingKind } from './settings-lookup';

/**
 * Tenant settings (R-ST-1 … R-ST-6): the lists a tenant defines for itself
 * and the other modules refer to by id.
 */
export const settingKinds = [
  'category',
  'industry',
  'status-type',
  'contact-type',
  'keyword',
  'deal-stage',
  'loss-reason',
  'deal-type',
  'user-group',
] as const satisfies readonly SettingKind[];

export const categoryScopes = ['account', 'contact', 'both'] as const;
export type CategoryScope = (typeof categoryScopes)[number];

export const dealStageStatuses = ['open', 'won', 'lost'] as const;
export type DealStageStatus = (typeof dealStageStatuses)[number];

export const userGroupTypes = ['Standard', 'Sales'] as const;
export type UserGroupType = (typeof userGroupTypes)[number];

/** Kinds whose items have a unique `order` and can be reordered as a whole. */
export const orderedKinds = ['status-type', 'deal-stage'] as const;
export type OrderedKind = (typeof orderedKinds)[number];
export const isOrderedKind = (kind: SettingKind): kind is OrderedKind =>
  (orderedKinds as readonly string[]).includes(kind);

export const titleMaxLength = 100;
export const maxOrder = 9999;
export const maxMembers = 500;
export const memberIdMaxLength = 128;
export const fullProbability = 10_000;

/** Who refers to settings; each keeps its own usage counter on the setting. */
export const settingUsers = ['account', 'contact', 'deal'] as const;
export type SettingUser = (typeof settingUsers)[number];

/**
 * How many records use a setting. Read-only: the modules that refer to a
 * setting keep it, in the same transaction as their own write.
 */
export interface SettingUsage {
  readonly accounts: number;
  readonly contacts: number;
  readonly deals: number;
}

export const noUsage: SettingUsage = { accounts: 0, contacts: 0, deals: 0 };
export const totalUsage = (u: SettingUsage) => u.accounts + u.contacts + u.deals;

interface SettingBase extends Stamps {
  readonly title: string;
  readonly usage: SettingUsage;
}

export interface Category extends SettingBase {
  readonly kind: 'category';
  /** What the category may be put on. */
  readonly scope: CategoryScope;
  /** Inactive categories stay on what has them but are not offered for new assignments. */
  readonly active: boolean;
}
export interface Industry extends SettingBase {
  readonly kind: 'industry';
}
export interface StatusType extends SettingBase {
  readonly kind: 'status-type';
  readonly order: number;
}
export interface ContactType extends SettingBase {
  readonly kind: 'contact-type';
}
export interface Keyword extends SettingBase {
  readonly kind: 'keyword';
}
export interface DealStage extends SettingBase {
  readonly kind: 'deal-stage';
  /** The chance a deal in this stage is won, in basis points (100 % = 10 000). */
  readonly probabilityBasisPoints: number;
  readonly status: DealStageStatus;
  readonly order: number;
}
export interface LossReason extends SettingBase {
  readonly kind: 'loss-reason';
}
export interface DealType extends SettingBase {
  readonly kind: 'deal-type';
}
export interface UserGroup extends SettingBase {
  readonly kind: 'user-group';
  readonly type: UserGroupType;
  /** The group above this one; absent for a top-level group. */
  readonly parentId?: string;
  /** User ids. */
  readonly members: readonly string[];
}

export type Setting =
  | Category
  | Industry
  | StatusType
  | ContactType
  | Keyword
  | DealStage
  | LossReason
  | DealType
  | UserGroup;

export type SettingOf<K extends SettingKind> = Extract<Setting, { kind: K }>;

/** What a client sends to create a setting of each kind. */
export interface SettingDrafts {
  category: { title: string; scope: CategoryScope; active?: boolean };
  industry: { title: string };
  'status-type': { title: string; order?: number };
  'contact-type': { title: string };
  keyword: { title: string };
  'deal-stage': {
    title: string;
    probabilityBasisPoints: number;
    status: DealStageStatus;
    order?: number;
  };
  'loss-reason': { title: string };
  'deal-type': { title: string };
  'user-group': {
    title: string;
    type: UserGroupType;
    parentId?: string | null;
    members?: readonly string[];
  };
}

export type SettingDraft<K extends SettingKind> = SettingDrafts[K];

/** An update: an absent field stays, `null` clears an optional one (a user group's `parentId`: to the top). */
export type SettingPatch<K extends SettingKind> = {
  readonly [F in keyof SettingDrafts[K]]?: SettingDrafts[K][F] | null;
};

/** The fields a client sets, per kind; the history and update events diff these. */
export const settingFields = {
  category: ['title', 'scope', 'active'],
  industry: ['title'],
  'status-type': ['title', 'order'],
  'contact-type': ['title'],
  keyword: ['title'],
  'deal-stage': ['title', 'probabilityBasisPoints', 'status', 'order'],
  'loss-reason': ['title'],
  'deal-type': ['title'],
  'user-group': ['title', 'type', 'parentId', 'members'],
} as const satisfies Record<SettingKind, readonly string[]>;

/** How each kind is named in messages. */
export const settingNames: Record<SettingKind, string> = {
  category: 'category',
  industry: 'industry',
  'status-type': 'status type',
  'contact-type': 'contact type',
  keyword: 'keyword',
  'deal-stage': 'deal stage',
  'loss-reason': 'loss reason',
  'deal-type': 'deal type',
  'user-group': 'user group',
};

type Fields = Record<string, unknown>;

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * Trims and checks the fields of one kind: every rule that holds for a
 * single setting, whatever the others are.
 */
function normalised(kind: SettingKind, given: Fields): Fields {
  const invalid: InvalidField[] = [];
  const title = typeof given.title === 'string' ? given.title.trim().replace(/\s+/g, ' ') : '';
  if (title.length === 0) invalid.push({ name: 'title', reason: 'must not be blank' });
  else if (title.length > titleMaxLength) {
    invalid.push({ name: 'title', reason: `must be at most ${titleMaxLength} characters` });
  }
  const fields: Fields = { ...given, title };

  if (kind === 'category') {
    if (!categoryScopes.includes(given.scope as CategoryScope)) {
      invalid.push({ name: 'scope', reason: `must be one of ${categoryScopes.join(', ')}` });
    }
    if (typeof given.active !== 'boolean') invalid.push({ name: 'active', reason: 'must be true or false' });
  }
  if (isOrderedKind(kind) && (!isInteger(given.order) || given.order < 1 || given.order > maxOrder)) {
    invalid.push({ name: 'order', reason: `must be a whole number from 1 to ${maxOrder}` });
  }
  if (kind === 'deal-stage') invalid.push(...dealStageProblems(given));
  if (kind === 'user-group') {
    if (!userGroupTypes.includes(given.type as UserGroupType)) {
      invalid.push({ name: 'type', reason: `must be one of ${userGroupTypes.join(', ')}` });
    }
    const members = Array.isArray(given.members) ? given.members : [];
    const trimmed: string[] = [];
    members.forEach((member: unknown, index) => {
      const id = typeof member === 'string' ? member.trim() : '';
      if (id.length === 0 || id.length > memberIdMaxLength) {
        invalid.push({ name: `members.${index}`, reason: 'must be a user id' });
      } else trimmed.push(id);
    });
    const unique = [...new Set(trimmed)];
    if (unique.length > maxMembers) {
      invalid.push({ name: 'members', reason: `a group has at most ${maxMembers} members` });
    }
    fields.members = unique;
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
  // A cleared optional field is gone, not present as undefined.
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * A deal stage (R-ST-6): a probability in basis points; a won stage is
 * certain (10 000) and a lost one hopeless (0), so forecasts add up.
 */
export function dealStageProblems(fields: Fields): InvalidField[] {
  const invalid: InvalidField[] = [];
  const status = fields.status as DealStageStatus;
  const probability = fields.probabilityBasisPoints;
  if (!dealStageStatuses.includes(status)) {
    invalid.push({ name: 'status', reason: `must be one of ${dealStageStatuses.join(', ')}` });
  }
  if (!isInteger(probability) || probability < 0 || probability > fullProbability) {
    invalid.push({
      name: 'probabilityBasisPoints',
      reason: `must be a whole number of basis points from 0 to ${fullProbability}`,
    });
  } else if (status === 'won' && probability !== fullProbability) {
    invalid.push({
      name: 'probabilityBasisPoints',
      reason: 'a won stage has a probability of 10000 (100 %)',
    });
  } else if (status === 'lost' && probability !== 0) {
    invalid.push({ name: 'probabilityBasisPoints', reason: 'a lost stage has a probability of 0' });
  }
  return invalid;
}

/** Only the fields of the kind: a field of another kind is never stored. `null` is kept for patches. */
function pick(kind: SettingKind, source: Fields, keepNulls = false): Fields {
  const picked: Fields = {};
  for (const field of settingFields[kind]) {
    const value = source[field];
    if (value !== undefined && (keepNulls || value !== null)) picked[field] = value;
  }
  return picked;
}

const defaults: { [K in SettingKind]?: Fields } = {
  category: { active: true },
  'user-group': { members: [] },
};

/**
 * A new setting. An ordered kind without an order gets `nextOrder` (the
 * service reads the highest order in use).
 */
export function createSetting<K extends SettingKind>(
  kind: K,
  id: string,
  draft: SettingDraft<K>,
  ctx: ChangeContext,
  nextOrder?: number,
): SettingOf<K> {
  const given = pick(kind, draft as Fields);
  const fields = normalised(kind, {
    ...defaults[kind],
    ...(isOrderedKind(kind) ? { order: nextOrder } : {}),
    ...given,
  });
  if (kind === 'user-group' && fields.parentId === id) throw groupCycle();
  return { kind, ...fields, usage: noUsage, ...createdStamps(id, ctx) } as unknown as SettingOf<K>;
}

export function updateSetting<K extends SettingKind>(
  current: SettingOf<K>,
  patch: SettingPatch<K>,
  ctx: ChangeContext,
): { setting: SettingOf<K>; changes: FieldChange[] } {
  const kind = current.kind as K;
  const before = pick(kind, current as unknown as Fields);
  const { fields, changes } = mergePatch(
    before,
    pick(kind, patch as Fields, true),
    settingFields[kind],
    (f) => normalised(kind, f),
  );
  if (kind === 'user-group' && fields.parentId === current.id) throw groupCycle();
  // Cleared fields go: `{...current, ...fields}` alone would keep them.
  const kept = Object.fromEntries(
    Object.entries(current).filter(([name]) => !(settingFields[kind] as readonly string[]).includes(name)),
  );
  return { setting: touched({ ...kept, ...fields } as unknown as SettingOf<K>, ctx), changes };
}

export const groupCycle = () =>
  new ConflictError('group-cycle', 'a user group cannot be moved under itself or one of its own sub-groups', [
    { name: 'parentId', reason: 'is the group itself or one of its sub-groups' },
  ]);
