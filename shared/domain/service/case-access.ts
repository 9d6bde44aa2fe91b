import type { SalesActor } from '#domain/sales/sales-ports';
import type { Case } from './case';

/** Who works with cases: the caller, with the teams (user groups) they belong to. */
export interface CaseActor extends SalesActor {
  readonly teamIds: readonly string[];
}

/** Admins and viewers see every case. */
export const seesAllCases = (actor: SalesActor) =>
  actor.roles.includes('admin') || actor.roles.includes('viewer');

/**
 * A service user sees the cases of their teams, the cases they own and the
 * cases no team has yet (the triage pool); others only the cases they own.
 * Anything else answers 404, as if it did not exist.
 */
export function caseVisibleTo(actor: CaseActor, c: Pick<Case, 'ownerId' | 'teamId'>): boolean {
  if (seesAllCases(actor) || c.ownerId === actor.userId) return true;
  if (!actor.roles.includes('service')) return false;
  return c.teamId === undefined || actor.teamIds.includes(c.teamId);
}

/**
 * Admins change every case; others what they would see without the viewer
 * role (a viewer who is also an agent changes only their teams' cases and
 * their own, as a viewer who sells changes only their own deals).
 */
export const caseChangeableBy = (actor: CaseActor, c: Pick<Case, 'ownerId' | 'teamId'>): boolean =>
  actor.roles.includes('admin') ||
  c.ownerId === actor.userId ||
  (actor.roles.includes('service') && (c.teamId === undefined || actor.teamIds.includes(c.teamId)));
