import { type InvalidField, NotFoundError, ValidationError } from '#domain/errors';
import type { SettingKind, SettingRef, SettingsLookup } from '#domain/settings/settings-lookup';
import type { UserLookup } from '#domain/users/user-lookup';
import type { Account } from './account';
import type { Contact } from './contact';

/**
 * Where the accounts module checks what accounts and contacts refer to. Both
 * ports are optional: without them references are taken as given.
 */
export interface ReferencePorts {
  readonly settings?: SettingsLookup;
  readonly users?: UserLookup;
}

/** A setting reference as the request names it, e.g. `categoryIds.2`. */
export interface FieldRef extends SettingRef {
  readonly field: string;
}

/** How much one change moves a setting's usage count: +1 newly used, -1 no longer used. */
export interface SettingUsageDelta {
  readonly kind: SettingKind;
  readonly id: string;
  readonly delta: number;
}

const refsOf = (pairs: readonly [SettingKind, string | undefined][]): SettingRef[] =>
  pairs.filter((p): p is [SettingKind, string] => p[1] !== undefined).map(([kind, id]) => ({ kind, id }));

/** The settings a live account uses; a deleted one uses none until it is restored. */
export function accountSettingRefs(account: Account | undefined): SettingRef[] {
  if (!account || account.deletedAt !== undefined) return [];
  return refsOf([
    ['industry', account.industryId],
    ['status-type', account.statusTypeId],
    ...account.categoryIds.map((id): [SettingKind, string] => ['category', id]),
  ]);
}

/** The settings a live contact uses. */
export function contactSettingRefs(contact: Contact | undefined): SettingRef[] {
  if (!contact || contact.deletedAt !== undefined) return [];
  return refsOf([
    ['contact-type', contact.contactTypeId],
    ...(contact.categoryIds ?? []).map((id): [SettingKind, string] => ['category', id]),
    ...(contact.keywords ?? []).map((id): [SettingKind, string] => ['keyword', id]),
  ]);
}

/**
 * The usage changes between two snapshots' references, one entry per setting
 * whose count moves. This is what a settings usage counter adds in the same
 * transaction as the change.
 */
export function settingUsageDeltas(
  before: readonly SettingRef[],
  after: readonly SettingRef[],
): SettingUsageDelta[] {
  const counts = new Map<string, SettingUsageDelta>();
  const add = (ref: SettingRef, delta: number) => {
    const key = `${ref.kind}#${ref.id}`;
    counts.set(key, { kind: ref.kind, id: ref.id, delta: (counts.get(key)?.delta ?? 0) + delta });
  };
  for (const ref of before) add(ref, -1);
  for (const ref of after) add(ref, 1);
  return [...counts.values()].filter((d) => d.delta !== 0);
}

/**
 * The references of `after` that are new compared with `before`, named as the
 * request names them. Unchanged references are never checked again: an
 * update that leaves the industry alone does not fail because the industry
 * was deleted since.
 */
export function changedAccountRefs(
  before: Account | undefined,
  after: Account,
  givenCategoryIds?: readonly string[] | null,
): FieldRef[] {
  const refs: FieldRef[] = [];
  if (after.industryId !== undefined && after.industryId !== before?.industryId)
    refs.push({ kind: 'industry', id: after.industryId, field: 'industryId' });
  if (after.statusTypeId !== undefined && after.statusTypeId !== before?.statusTypeId)
    refs.push({ kind: 'status-type', id: after.statusTypeId, field: 'statusTypeId' });
  refs.push(...added('category', 'categoryIds', before?.categoryIds, after.categoryIds, givenCategoryIds));
  return refs;
}

/** The lists of a contact as the client sent them, to name a refused entry by its position. */
export interface GivenContactLists {
  readonly categoryIds?: readonly string[] | null;
  readonly keywords?: readonly string[] | null;
}

export function changedContactRefs(
  before: Contact | undefined,
  after: Contact,
  given: GivenContactLists = {},
): FieldRef[] {
  const refs: FieldRef[] = [];
  if (after.contactTypeId !== undefined && after.contactTypeId !== before?.contactTypeId)
    refs.push({ kind: 'contact-type', id: after.contactTypeId, field: 'contactTypeId' });
  refs.push(...added('category', 'categoryIds', before?.categoryIds, after.categoryIds, given.categoryIds));
  refs.push(...added('keyword', 'keywords', before?.keywords, after.keywords, given.keywords));
  return refs;
}

/** Ids added to a list, named by their position in the list the client sent (`keywords.2`). */
function added(
  kind: SettingKind,
  field: string,
  before: readonly string[] | undefined,
  after: readonly string[],
  given: readonly string[] | null | undefined,
): FieldRef[] {
  const had = new Set(before ?? []);
  return after
    .filter((id) => !had.has(id))
    .map((id) => {
      const index = given?.findIndex((sent) => sent.trim() === id) ?? -1;
      return { kind, id, field: `${field}.${index >= 0 ? index : after.indexOf(id)}` };
    });
}

const missingReason: Record<SettingKind, string> = {
  category: 'no such category',
  industry: 'no such industry',
  'status-type': 'no such status type',
  'contact-type': 'no such contact type',
  keyword: 'no such keyword',
  'deal-stage': 'no such deal stage',
  'loss-reason': 'no such loss reason',
  'deal-type': 'no such deal type',
  'user-group': 'no such user group',
};

/**
 * Refuses (400, naming each field) references to settings the tenant does
 * not have, categories of the other scope, and owners who are unknown or
 * deactivated. Checks nothing for a port that is not given.
 */
export async function assertReferences(
  ports: ReferencePorts,
  tenantId: string,
  target: 'account' | 'contact',
  refs: readonly FieldRef[],
  owner?: string,
): Promise<void> {
  // The settings and the owner are read at the same time: a check costs one round trip, not two.
  const [settingFields, ownerFields] = await Promise.all([
    invalidSettingRefs(ports, tenantId, target, refs),
    invalidOwner(ports, tenantId, owner),
  ]);
  const invalid = [...settingFields, ...ownerFields];
  if (invalid.length > 0) throw new ValidationError(invalid);
}

async function invalidSettingRefs(
  { settings }: ReferencePorts,
  tenantId: string,
  target: 'account' | 'contact',
  refs: readonly FieldRef[],
): Promise<InvalidField[]> {
  if (!settings || refs.length === 0) return [];
  const missing = await settings.missing(
    tenantId,
    refs.map(({ kind, id }) => ({ kind, id })),
  );
  const isMissing = (ref: FieldRef) => missing.some((m) => m.kind === ref.kind && m.id === ref.id);
  const reasons = await Promise.all(
    refs.map(async (ref) => {
      if (isMissing(ref)) return missingReason[ref.kind];
      if (ref.kind !== 'category') return undefined;
      const scope = await settings.categoryScope(tenantId, ref.id);
      if (scope === undefined) return missingReason.category;
      return scope === 'both' || scope === target ? undefined : `this category is for ${scope}s only`;
    }),
  );
  return refs.flatMap((ref, i) => {
    const reason = reasons[i];
    return reason ? [{ name: ref.field, reason }] : [];
  });
}

async function invalidOwner(
  { users }: ReferencePorts,
  tenantId: string,
  owner: string | undefined,
): Promise<InvalidField[]> {
  if (!users || owner === undefined) return [];
  const user = await users.user(tenantId, owner);
  if (!user) return [{ name: 'ownerId', reason: 'no such user' }];
  if (!user.active) return [{ name: 'ownerId', reason: 'deactivated users get no new work' }];
  return [];
}

/** A category of the tenant, or 404 (also for another tenant's); unchecked without the settings port. */
export async function assertCategory(ports: ReferencePorts, tenantId: string, categoryId: string) {
  if (!ports.settings) return;
  const missing = await ports.settings.missing(tenantId, [{ kind: 'category', id: categoryId }]);
  if (missing.length > 0) throw new NotFoundError('category', categoryId);
}
