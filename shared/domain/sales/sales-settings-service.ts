import { type InvalidField, ValidationError, VersionMismatchError } from '#domain/errors';
import { canonicalJson } from '#domain/events';
import type { Actor } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { SettingsLookup } from '#domain/settings/settings-lookup';
import type { UserLookup } from '#domain/users/user-lookup';
import {
  defaultSalesSettings,
  normalisedSalesRules,
  type RouteTarget,
  type SalesRules,
  type SalesSettings,
  salesSections,
  validateSalesSettings,
} from './sales-settings';
import { newSalesSettingsEvent } from './sales-settings-events';
import type { SalesSettingsStore } from './sales-settings-store';

export interface SalesSettingsDeps extends ServiceDeps {
  readonly salesSettings: SalesSettingsStore;
  readonly users: UserLookup;
  readonly settings: Pick<SettingsLookup, 'missing'>;
}

/** The history and events of the sales settings are those of this one subject per tenant. */
export const salesSettingsSubject = { type: 'setting', id: 'sales-settings' } as const;

interface NamedTarget {
  /** The request field of the target, e.g. `routing.rules.3.to`. */
  readonly field: string;
  readonly target: RouteTarget;
}

function targetsOf(rules: SalesRules): NamedTarget[] {
  const { fallback } = rules.routing;
  return [
    ...rules.routing.rules.map((rule, index) => ({ field: `routing.rules.${index}.to`, target: rule.to })),
    ...(fallback ? [{ field: 'routing.fallback', target: fallback }] : []),
  ];
}

const userIdOf = (target: RouteTarget) => (target.type === 'user' ? target.userId : undefined);
const groupIdOf = (target: RouteTarget) => (target.type === 'group' ? target.groupId : undefined);
const distinct = (values: readonly (string | undefined)[]) =>
  [...new Set(values)].filter((v): v is string => v !== undefined);

/**
 * The tenant's sales rules (scoring, routing, nurturing, offer validity):
 * read by everyone, replaced as a whole by admins. A tenant that never
 * stored any has the defaults, at version 0.
 */
export class SalesSettingsService {
  constructor(private readonly deps: SalesSettingsDeps) {}

  async get(actor: Actor): Promise<SalesSettings> {
    return (await this.deps.salesSettings.get(actor.tenantId)) ?? defaultSalesSettings(actor.tenantId);
  }

  /**
   * Replaces the rules. 412 when `expectedVersion` is not the stored one (0
   * for the defaults); 400 naming each field at fault, including a route to
   * a user or user group the tenant does not have. Unchanged rules are not
   * written again. Emits `SalesSettingsChanged` with the new version and the
   * sections that changed; consumers read the rules themselves (the rules of
   * one tenant can outgrow what one bus event carries).
   */
  async replace(actor: Actor, expectedVersion: number, rules: SalesRules): Promise<SalesSettings> {
    const current = await this.get(actor);
    if (current.version !== expectedVersion) {
      throw new VersionMismatchError('the sales settings', 'of this tenant');
    }
    const normalised = normalisedSalesRules(rules);
    const invalid = validateSalesSettings(normalised);
    if (invalid.length > 0) throw new ValidationError(invalid);
    await this.assertTargetsExist(actor.tenantId, current, normalised);

    const changed = salesSections.filter(
      (section) => canonicalJson(current[section]) !== canonicalJson(normalised[section]),
    );
    if (changed.length === 0) return current;
    const ctx = await changeContext(this.deps, actor);
    const next: SalesSettings = {
      tenantId: actor.tenantId,
      version: current.version + 1,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.userId,
      ...normalised,
    };
    const event = newSalesSettingsEvent(this.deps, ctx, 'SalesSettingsChanged', {
      subject: salesSettingsSubject,
      data: { version: next.version, changed },
    });
    await this.deps.salesSettings.replace(next, current.version, event);
    return next;
  }

  /**
   * Every routed user must exist and every user group must be live. New
   * routes go only to active users; a route the settings already had may keep
   * a user deactivated since (the router passes over them).
   */
  private async assertTargetsExist(tenantId: string, current: SalesRules, next: SalesRules): Promise<void> {
    const targets = targetsOf(next);
    const routedBefore = new Set(targetsOf(current).map(({ target }) => userIdOf(target)));
    const userIds = distinct(targets.map(({ target }) => userIdOf(target)));
    const groupIds = distinct(targets.map(({ target }) => groupIdOf(target)));
    const [users, missingGroups] = await Promise.all([
      Promise.all(userIds.map((id) => this.deps.users.user(tenantId, id))),
      groupIds.length === 0
        ? []
        : this.deps.settings.missing(
            tenantId,
            groupIds.map((id) => ({ kind: 'user-group', id })),
          ),
    ]);
    const userById = new Map(userIds.map((id, index) => [id, users[index]]));
    const missingGroupIds = new Set(missingGroups.map((ref) => ref.id));

    const invalid: InvalidField[] = [];
    for (const { field, target } of targets) {
      if (target.type === 'group') {
        if (missingGroupIds.has(target.groupId)) {
          invalid.push({ name: `${field}.groupId`, reason: 'is not a user group of this tenant' });
        }
        continue;
      }
      const user = userById.get(target.userId);
      if (!user) invalid.push({ name: `${field}.userId`, reason: 'no such user' });
      else if (!user.active && !routedBefore.has(target.userId)) {
        invalid.push({ name: `${field}.userId`, reason: 'the user is deactivated' });
      }
    }
    if (invalid.length > 0) throw new ValidationError(invalid);
  }
}
