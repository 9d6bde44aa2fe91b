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

/** Admins change every case; a viewer (without another role) none; others what they see. */
export const caseChangeableBy = (actor: CaseActor, c: Pick<Case, 'ownerId' | 'teamId'>): boolean =>
  actor.roles.includes('admin') || (actor.roles.some((r) => r !== 'viewer') && caseVisibleTo(actor, c));
