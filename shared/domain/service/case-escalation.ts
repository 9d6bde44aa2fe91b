import { VersionMismatchError } from '#domain/errors';
import type { Mailer } from '#domain/messaging/mailer';
import type { ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import { type Case, type CaseTimerName, caseLabel, isOpen, targetOfTimer } from './case';
import { commitCaseChange } from './case-changes';
import { newCaseEvent } from './case-events';
import { caseSubject } from './case-opening';
import { breachSla, casePolicy, firedSla, replanSla } from './case-sla';
import type { CaseStore, StoredServiceSettings, TeamDirectory } from './case-store';
import type { CaseTimerInput, CaseTimerScheduler } from './case-timers';
import { raisedPriority } from './service-level';

export interface CaseEscalationDeps extends ServiceDeps {
  readonly cases: Pick<CaseStore, 'get' | 'change'>;
  readonly settings: { ofTenant(tenantId: string): Promise<StoredServiceSettings> };
  readonly teams: Pick<TeamDirectory, 'active'>;
  readonly timers: CaseTimerScheduler;
  readonly mailer: Mailer;
}

export type TimerOutcome = 'stale' | 'warned' | 'breached' | 'not-due' | 'gone';

const attempts = 5;

/**
 * What a case's timer does when it fires (R-CS-3). It re-reads the case: a
 * timer the case no longer plans at this time, or one already acted on, does
 * nothing. A warning notifies; a breach is recorded and the policy's
 * escalation follows: notify the owner and the team lead, raise the
 * priority (the open targets re-planned), move the case to the escalation
 * team's queue. The timer is marked fired in the same write, so it acts at
 * most once; the e-mails go after that write.
 */
export class CaseEscalation {
  constructor(private readonly deps: CaseEscalationDeps) {}

  async fire(input: CaseTimerInput): Promise<TimerOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.tryFire(input);
      } catch (error) {
        if (!(error instanceof VersionMismatchError) || attempt >= attempts) throw error;
      }
    }
  }

  private async tryFire(input: CaseTimerInput): Promise<TimerOutcome> {
    const current = await this.deps.cases.get(input.tenantId, input.caseId);
    if (!current) return 'gone';
    if (current.sla.timers[input.timer] !== input.at || current.sla.fired.includes(input.timer))
      return 'stale';
    // A timer fires at its time or after it: that is when it acts, whatever a lagging clock says.
    const now = new Date(Math.max(this.deps.clock.now().getTime(), Date.parse(input.at)));
    const ctx: ChangeContext = {
      tenant: await this.deps.tenants.profile(input.tenantId),
      userId: 'system:sla',
      now,
    };
    const settings = await this.deps.settings.ofTenant(input.tenantId);
    const targetName = targetOfTimer(input.timer);
    const policy = casePolicy(settings, current.sla.supportLevelId, current.sla.priority);
    const warning = input.timer.endsWith('-warning');
    const stamped = (c: Case): Case => ({
      ...c,
      version: current.version + 1,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.userId,
    });

    const target = current.sla[targetName];
    if (warning) {
      // The plan only holds warnings of running targets; one that is not (a race with a reply) does nothing.
      if (target.status !== 'running') return 'not-due';
      const next = stamped({ ...current, sla: firedSla(current.sla, input.timer) });
      const event = newCaseEvent(this.deps, ctx, 'CaseSlaWarning', {
        subject: caseSubject(next),
        data: { case: next, target: targetName },
      });
      await commitCaseChange(this.deps, current, next, event);
      if (policy.escalation.notify) await this.notify(settings, next, input.timer, ctx);
      return 'warned';
    }
    // A target a change already found past due is breached; the escalation is still to follow.
    const breached = target.status === 'breached' ? current.sla : breachSla(current.sla, targetName, ctx.now);
    if (breached[targetName].status !== 'breached') return 'not-due';
    const escalation = policy.escalation;
    const priority =
      escalation.raisePriority && isOpen(current.status)
        ? raisedPriority(current.priority)
        : current.priority;
    let sla = firedSla(breached, input.timer);
    if (priority !== current.priority) sla = replanSla(settings, sla, sla.supportLevelId, priority, ctx.now);
    const moveTo =
      escalation.escalationTeamId && escalation.escalationTeamId !== current.teamId && isOpen(current.status)
        ? escalation.escalationTeamId
        : undefined;
    const { ownerId: _owner, ...unowned } = current;
    const next = stamped({ ...(moveTo ? { ...unowned, teamId: moveTo } : current), priority, sla });
    // A case finished meanwhile is only recorded breached: nobody is woken for it.
    const notified =
      escalation.notify && isOpen(current.status) ? await this.recipients(settings, current) : [];
    const event = newCaseEvent(this.deps, ctx, 'CaseSlaBreached', {
      subject: caseSubject(next),
      changes: [
        ...(priority !== current.priority
          ? [{ field: 'priority', from: current.priority, to: priority }]
          : []),
        ...(moveTo
          ? [
              { field: 'teamId', from: current.teamId ?? null, to: moveTo },
              { field: 'ownerId', from: current.ownerId ?? null, to: null },
            ]
          : []),
      ],
      data: {
        case: next,
        target: targetName,
        escalation: {
          notified: notified.map((r) => r.userId),
          priorityRaised: priority !== current.priority,
          ...(moveTo ? { movedToTeamId: moveTo } : {}),
        },
      },
    });
    await commitCaseChange(this.deps, current, next, event);
    if (notified.length > 0) await this.notify(settings, current, input.timer, ctx);
    return 'breached';
  }

  /** The case's owner and its team's lead, active and with an address. */
  private async recipients(settings: StoredServiceSettings, c: Case) {
    const lead = settings.teams.find((t) => t.groupId === c.teamId)?.leadUserId;
    const ids = [...new Set([c.ownerId, lead].filter((id): id is string => id !== undefined))];
    if (ids.length === 0) return [];
    const active = await this.deps.teams.active(c.tenantId, ids);
    return ids.flatMap((userId) => {
      const user = active.get(userId);
      return user ? [{ userId, ...user }] : [];
    });
  }

  private async notify(settings: StoredServiceSettings, c: Case, timer: CaseTimerName, ctx: ChangeContext) {
    const from = settings.mailbox ?? ctx.tenant.emailSender;
    if (!from) return;
    const target = targetOfTimer(timer) === 'firstResponse' ? 'first response' : 'resolution';
    const due = c.sla[targetOfTimer(timer)].dueAt;
    const breach = timer.endsWith('-breach');
    for (const r of await this.recipients(settings, c)) {
      await this.deps.mailer.send({
        from,
        to: r.email,
        subject: `${breach ? 'SLA breached' : 'SLA warning'}: ${caseLabel(c.number)} ${c.subject}`,
        text: `${caseLabel(c.number)} “${c.subject}” (${c.priority}): the ${target} target ${breach ? 'was due' : 'is due'} at ${due}.`,
        tags: { tenant: c.tenantId, case: caseLabel(c.number), kind: breach ? 'sla-breach' : 'sla-warning' },
      });
    }
  }
}
