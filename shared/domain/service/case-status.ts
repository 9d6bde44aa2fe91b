import { ConflictError } from '#domain/errors';
import { type Case, type CaseStatus, canMove, isOpen, pausingStatus } from './case';
import { finishSla, pauseSla, resumeSla } from './case-sla';
import type { ServiceSettings } from './service-settings';

/**
 * The case in a new status, its clocks following: waiting on the customer
 * pauses them, leaving that status resumes them, resolving or closing stops
 * them (a first response never given is a breach). A resolved or closed case
 * moved back to `open` is reopened; its met and breached targets stay so.
 */
export function withStatus(settings: ServiceSettings, c: Case, to: CaseStatus, now: Date): Case {
  if (c.status === to) return c;
  if (!canMove(c.status, to)) {
    throw new ConflictError('invalid-state', `a ${c.status} case cannot become ${to}`);
  }
  const at = now.toISOString();
  let sla = c.sla;
  if (c.status === pausingStatus && to !== pausingStatus) sla = resumeSla(settings, sla, now);
  if (to === pausingStatus) sla = pauseSla(sla, now);
  if (!isOpen(to) && isOpen(c.status)) sla = finishSla(sla, now);
  const reopened = !isOpen(c.status) && isOpen(to);
  const { resolvedAt: _resolved, closedAt: _closed, ...rest } = c;
  return {
    ...(reopened ? rest : c),
    status: to,
    statusChangedAt: at,
    sla,
    ...(to === 'resolved' ? { resolvedAt: at } : {}),
    ...(to === 'closed' ? { closedAt: at, ...(c.resolvedAt ? { resolvedAt: c.resolvedAt } : {}) } : {}),
    ...(reopened ? { reopenCount: c.reopenCount + 1 } : {}),
  };
}
