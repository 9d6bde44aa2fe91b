import type { Actor, Page, PageRequest } from '#domain/ports';
import type { Setting } from '#domain/settings/setting';
import type { SettingKind } from '#domain/settings/settings-lookup';

/**
 * Who acts in the sales module: the actor with the roles of their token,
 * since what a user sees of deals depends on them (docs/architecture.md,
 * "Sales permission model").
 */
export interface SalesActor extends Actor {
  readonly roles: readonly string[];
}

/** Admins and viewers see every deal; everyone else the deals they own or take part in. */
export const seesAllDeals = (actor: SalesActor): boolean =>
  actor.roles.includes('admin') || actor.roles.includes('viewer');

/** Only admins change every deal; a viewer who is also a seller changes only their own. */
export const changesAllDeals = (actor: SalesActor): boolean => actor.roles.includes('admin');

/** Reading a deal, or changing it (and its offers). */
export type DealAccess = 'read' | 'write';

/** The tenant settings the sales module reads: deal stages, types, loss reasons and user groups. */
export interface SalesSettingsReader {
  get(tenantId: string, settingId: string): Promise<Setting | undefined>;
  list(tenantId: string, kind: SettingKind, filter: object, page: PageRequest): Promise<Page<Setting>>;
}
