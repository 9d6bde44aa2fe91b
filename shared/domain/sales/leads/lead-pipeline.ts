import type { Activity, ActivityDraft, ActivitySubject } from '#domain/activities/activity';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEventOf } from '#domain/event-catalogue';
import { isEventOf } from '#domain/event-narrowing';
import type { FieldChange } from '#domain/events';
import type { Actor, Created, IdempotencyToken } from '#domain/ports';
import type { SalesSettingsReader } from '#domain/sales/sales-ports';
import type { RouteTarget, SalesSettings } from '#domain/sales/sales-settings';
import type { LeadStore } from '#domain/sales/stores';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { systemWritten } from '#domain/system-writes';
import type { UserLookup } from '#domain/users/user-lookup';
import { isFinalLeadStage, type Lead } from './lead';
import { newLeadEvent } from './lead-events';
import { matchRoute, nurtureFor, pickRoundRobin, type RoundRobinTurns } from './lead-routing';
import { scoreLead } from './lead-scoring';
import { subjectOf } from './lead-service';

export interface LeadPipelineDeps extends ServiceDeps {
  readonly leads: LeadStore;
  readonly rules: { get(actor: Actor): Promise<SalesSettings> };
  readonly turns: RoundRobinTurns;
  readonly settings: SalesSettingsReader;
  readonly users: UserLookup;
  readonly activities: {
    create(
      actor: Actor,
      subject: ActivitySubject,
      draft: ActivityDraft,
      idempotency?: IdempotencyToken,
    ): Promise<Created<Activity>>;
  };
}

/** The author of what the pipeline changes, in stamps and history. */
export const pipelineUserId = 'lead-pipeline';

/** Lead events after which the score is recomputed and an unowned lead routed. */
export const scoringEvents = ['LeadCreated', 'LeadUpdated', 'LeadEngagementRecorded'] as const;
/** The event after which the new owner's follow-ups are scheduled. */
export const nurturingEvents = ['LeadRouted'] as const;
/** The events the pipeline handles: its queue receives these. */
export const leadPipelineEvents = [...scoringEvents, ...nurturingEvents];
export type LeadPipelineEvent = DomainEventOf<(typeof leadPipelineEvents)[number]>;

const attempts = 3;

/**
 * What follows from lead events (R-SA-2): the score from the tenant's rules
 * on attributes and activity, the automatic move to marketing-qualified at
 * the tenant's threshold, routing of an unowned lead to a user or round-robin
 * within a group (deactivated members skipped), and, once routed, the owner's
 * follow-ups as scheduled activities. Events come at least once: the lead is
 * read fresh and only what differs is written, and follow-ups are created
 * with the routing event's id as their idempotency key.
 */
export class LeadPipeline {
  constructor(private readonly deps: LeadPipelineDeps) {}

  async handle(event: LeadPipelineEvent): Promise<void> {
    if (isEventOf(event, scoringEvents)) await this.process(event.tenantId, event.subject.id);
    if (isEventOf(event, nurturingEvents)) await this.nurture(event);
  }

  private async process(tenantId: string, leadId: string): Promise<void> {
    const actor = { tenantId, userId: pipelineUserId };
    const rules = await this.deps.rules.get(actor);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.deps.leads.get(tenantId, leadId);
      if (!current || isFinalLeadStage(current.stage)) return;
      try {
        await this.write(actor, current, rules);
        return;
      } catch (error) {
        if (attempt >= attempts || !(error instanceof VersionMismatchError)) throw error;
      }
    }
  }

  private async write(actor: Actor, current: Lead, rules: SalesSettings): Promise<void> {
    const ctx = await changeContext(this.deps, actor);
    const { score, lines } = scoreLead(current, rules.scoring.rules);
    const qualifies =
      current.stage === 'lead' && rules.scoring.qualifyAt !== undefined && score >= rules.scoring.qualifyAt;
    const scored: Lead = {
      ...current,
      score,
      scoreLines: lines,
      ...(qualifies
        ? {
            stage: 'marketing-qualified' as const,
            stageHistory: [
              ...current.stageHistory,
              {
                stage: 'marketing-qualified' as const,
                at: ctx.now.toISOString(),
                by: ctx.userId,
                reason: 'score',
              },
            ],
          }
        : {}),
    };
    const owner = current.ownerId ? undefined : await this.route(actor.tenantId, scored, rules);
    const next: Lead = {
      ...scored,
      ...(owner ? { ownerId: owner.userId, routedAt: ctx.now.toISOString() } : {}),
      ...(owner?.groupId ? { groupId: owner.groupId } : {}),
    };
    const changes: FieldChange[] = [];
    if (next.score !== current.score) changes.push({ field: 'score', from: current.score, to: next.score });
    if (next.stage !== current.stage) changes.push({ field: 'stage', from: current.stage, to: next.stage });
    if (next.ownerId !== current.ownerId)
      changes.push({ field: 'ownerId', from: current.ownerId ?? null, to: next.ownerId ?? null });
    if (changes.length === 0) return;

    // A system write: the client's ETag stays valid (ADR 0011).
    const written = systemWritten(next);
    // The routing event schedules the follow-ups, so it names the lead as it is after every change.
    const type = owner ? 'LeadRouted' : next.stage !== current.stage ? 'LeadStageChanged' : 'LeadScored';
    const event = newLeadEvent(this.deps, ctx, type, {
      subject: subjectOf(written),
      data: {
        lead: written,
        previous: current,
        ...(owner?.groupId ? { groupId: owner.groupId } : {}),
      },
      changes,
    });
    await this.deps.leads.update(current, written, event);
  }

  /** The owner the routing rules give: a user, or the next active member of a group. */
  private async route(
    tenantId: string,
    lead: Lead,
    rules: SalesSettings,
  ): Promise<{ userId: string; groupId?: string } | undefined> {
    const target: RouteTarget | undefined = matchRoute(lead, rules.routing);
    if (!target) return undefined;
    if (target.type === 'user') {
      const user = await this.deps.users.user(tenantId, target.userId);
      return user?.active ? { userId: target.userId } : undefined;
    }
    const group = await this.deps.settings.get(tenantId, target.groupId);
    if (group?.kind !== 'user-group' || group.deletedAt !== undefined) return undefined;
    const users = await Promise.all(group.members.map((member) => this.deps.users.user(tenantId, member)));
    const active = new Set(users.filter((user) => user?.active).map((user) => user?.id as string));
    if (active.size === 0) return undefined;
    const turn = await this.deps.turns.nextTurn(tenantId, group.id);
    const userId = pickRoundRobin(group.members, active, turn);
    return userId ? { userId, groupId: group.id } : undefined;
  }

  /** The new owner's follow-ups, one per nurture rule of the lead's stage; a redelivery makes none twice. */
  private async nurture(event: DomainEventOf<'LeadRouted'>): Promise<void> {
    const { lead } = event.data;
    if (!lead.ownerId || !lead.routedAt) return;
    const actor = { tenantId: event.tenantId, userId: pipelineUserId };
    const rules = await this.deps.rules.get(actor);
    const { timeZone } = await this.deps.tenants.profile(event.tenantId);
    const followUps = nurtureFor(lead, rules.nurturing.rules, new Date(lead.routedAt), timeZone);
    for (const [index, followUp] of followUps.entries()) {
      await this.deps.activities.create(
        actor,
        { type: 'lead', id: lead.id },
        { ...followUp, ownerId: lead.ownerId },
        { operationId: 'nurtureLead', key: `${event.id}:${index}`, requestHash: `${event.id}:${index}` },
      );
    }
  }
}
