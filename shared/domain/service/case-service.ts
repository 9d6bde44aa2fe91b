import type { HistoryEntry, HistoryStore } from '#domain/accounts/records';
import {
  assertVersion,
  ConflictError,
  type InvalidField,
  NotFoundError,
  UnprocessableError,
  VersionMismatchError,
} from '#domain/errors';
import { diffFields } from '#domain/events';
import type { Mailer } from '#domain/messaging/mailer';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext } from '#domain/service-context';
import { type ChangeContext, touched } from '#domain/stamps';
import { type Case, type CaseMessage, type CaseStatus, isOpen } from './case';
import { type CaseActor, caseChangeableBy, caseVisibleTo, seesAllCases } from './case-access';
import { commitCaseChange } from './case-changes';
import { newCaseEvent } from './case-events';
import { replyEmail } from './case-mail';
import {
  assigneeIn,
  type CaseDraft,
  type CaseOpeningDeps,
  caseSubject,
  checkCaseType,
  checkTeam,
  openCase,
} from './case-opening';
import { replanSla, respondSla } from './case-sla';
import { withStatus } from './case-status';
import type { CaseFilter, CaseSummary } from './case-store';
import { caseView } from './case-view';
import type { CasePriority } from './service-settings';

export interface CaseServiceDeps extends CaseOpeningDeps {
  readonly mailer: Mailer;
  readonly history: Pick<HistoryStore, 'list'>;
}

/** What a user may change on a case; absent fields stay, `null` removes a link. */
export interface CasePatch {
  readonly subject?: string;
  readonly description?: string;
  readonly type?: string | null;
  readonly priority?: CasePriority;
  readonly tags?: readonly string[];
  readonly supplyPointId?: string | null;
}

/** A new owner and/or team; `ownerId: null` puts the case back in its team's queue. */
export interface CaseAssignment {
  readonly teamId?: string;
  readonly ownerId?: string | null;
}

const updatable = ['subject', 'description', 'type', 'priority', 'tags', 'supplyPointId'] as const;

/** How often a thread append reads the case again when another write moved it meanwhile. */
const appendAttempts = 5;

/**
 * Cases as agents work them (R-CS-1…4): open one from a call, read and
 * change it, move it through its statuses, assign it, answer the customer
 * and keep notes. Who sees and changes which case: `case-access.ts`.
 */
export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  /** The caller with their teams: what visibility is decided on. */
  async actor(caller: { tenantId: string; userId: string; roles: readonly string[] }): Promise<CaseActor> {
    return { ...caller, teamIds: await this.deps.teams.teamsOf(caller.tenantId, caller.userId) };
  }

  async open(actor: CaseActor, draft: CaseDraft, idempotency?: IdempotencyToken) {
    const ctx = await changeContext(this.deps, actor);
    return openCase(this.deps, ctx, draft, {}, idempotency);
  }

  async get(actor: CaseActor, caseId: string): Promise<Case> {
    const found = await this.deps.cases.get(actor.tenantId, caseId);
    if (!found || !caseVisibleTo(actor, found)) throw new NotFoundError('case', caseId);
    return found;
  }

  /** The case with its targets as of now (time left, paused time). */
  async view(actor: CaseActor, caseId: string) {
    const found = await this.get(actor, caseId);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    return caseView(settings, found, this.deps.clock.now());
  }

  /** Every change, newest first, from the audit trail. */
  async history(actor: CaseActor, caseId: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    await this.get(actor, caseId);
    return this.deps.history.list(actor.tenantId, { type: 'case', id: caseId }, page);
  }

  /** Every case the caller sees, newest first; a service user's list is that of their teams. */
  async list(actor: CaseActor, filter: CaseFilter, page: PageRequest): Promise<Page<Case>> {
    if (filter.teamId && !seesAllCases(actor) && !actor.teamIds.includes(filter.teamId))
      throw new NotFoundError('team', filter.teamId);
    const result = await this.deps.cases.list(actor.tenantId, filter, page);
    return { ...result, items: result.items.filter((c) => caseVisibleTo(actor, c)) };
  }

  /** The caller's open cases, soonest due first. */
  mine(actor: CaseActor, page: PageRequest): Promise<Page<CaseSummary>> {
    return this.deps.cases.queue(actor.tenantId, { kind: 'owner', userId: actor.userId }, page);
  }

  /** A team's open cases nobody owns yet, soonest due first. */
  teamQueue(actor: CaseActor, teamId: string, page: PageRequest): Promise<Page<CaseSummary>> {
    const agentOfTeam = actor.roles.includes('service') && actor.teamIds.includes(teamId);
    if (!seesAllCases(actor) && !agentOfTeam) throw new NotFoundError('team', teamId);
    return this.deps.cases.queue(actor.tenantId, { kind: 'team', teamId }, page);
  }

  /** Open cases whose next target falls due within `minutes` (or is past it), soonest first. */
  async breaching(actor: CaseActor, minutes: number, page: PageRequest): Promise<Page<CaseSummary>> {
    const before = new Date(this.deps.clock.now().getTime() + minutes * 60_000).toISOString();
    const result = await this.deps.cases.queue(actor.tenantId, { kind: 'due', before }, page);
    return { ...result, items: result.items.filter((c) => caseVisibleTo(actor, c)) };
  }

  async messages(actor: CaseActor, caseId: string, page: PageRequest): Promise<Page<CaseMessage>> {
    await this.get(actor, caseId);
    return this.deps.cases.messages(actor.tenantId, caseId, page);
  }

  async update(actor: CaseActor, caseId: string, expectedVersion: number, patch: CasePatch): Promise<Case> {
    const { current, ctx } = await this.forChange(actor, caseId, expectedVersion);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    const invalid: InvalidField[] = patch.type ? checkCaseType(settings, patch.type) : [];
    if (patch.supplyPointId) {
      const point = await this.deps.parties.supplyPoint(actor.tenantId, patch.supplyPointId);
      if (!point) invalid.push({ name: 'supplyPointId', reason: 'no supply point of this tenant' });
      else if (current.accountId && point.accountId && point.accountId !== current.accountId)
        invalid.push({ name: 'supplyPointId', reason: 'the supply point belongs to another account' });
    }
    if (invalid.length > 0) throw new UnprocessableError('the case cannot be changed so', invalid);
    const { type: _t, supplyPointId: _s, ...rest } = current;
    let next: Case = {
      ...touched(patch.type === null || patch.supplyPointId === null ? (rest as Case) : current, ctx),
      ...(patch.type === null
        ? {}
        : patch.type !== undefined
          ? { type: patch.type }
          : current.type
            ? { type: current.type }
            : {}),
      ...(patch.supplyPointId === null
        ? {}
        : patch.supplyPointId !== undefined
          ? { supplyPointId: patch.supplyPointId }
          : current.supplyPointId
            ? { supplyPointId: current.supplyPointId }
            : {}),
      ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.tags !== undefined ? { tags: [...new Set(patch.tags)] } : {}),
    };
    if (patch.priority !== undefined && patch.priority !== current.priority) {
      next = { ...next, priority: patch.priority };
      if (isOpen(current.status))
        next = {
          ...next,
          sla: replanSla(settings, current.sla, current.sla.supportLevelId, patch.priority, ctx.now),
        };
    }
    const changes = diffFields(current, next, [...updatable]);
    if (changes.length === 0) return current;
    const event = newCaseEvent(this.deps, ctx, 'CaseUpdated', {
      subject: caseSubject(next),
      changes,
      data: { case: next },
    });
    return commitCaseChange(this.deps, current, next, event);
  }

  /**
   * Gives the case another team and/or owner. A new team without an owner
   * shares it out by the team's method (or leaves it in the team's queue).
   */
  async assign(actor: CaseActor, caseId: string, expectedVersion: number, to: CaseAssignment): Promise<Case> {
    const { current, ctx } = await this.forChange(actor, caseId, expectedVersion);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    const invalid = checkTeam(settings, to.teamId);
    if (to.ownerId) {
      const owner = (await this.deps.teams.active(actor.tenantId, [to.ownerId])).get(to.ownerId);
      if (!owner) invalid.push({ name: 'ownerId', reason: 'no active user of this tenant' });
    }
    if (invalid.length > 0) throw new UnprocessableError('the case cannot be assigned so', invalid);
    const teamId = to.teamId ?? current.teamId;
    const picked =
      to.ownerId === undefined &&
      to.teamId !== undefined &&
      to.teamId !== current.teamId &&
      isOpen(current.status)
        ? await assigneeIn(this.deps, settings, actor.tenantId, to.teamId)
        : undefined;
    const ownerId =
      to.ownerId === null
        ? undefined
        : (to.ownerId ??
          picked?.userId ??
          (to.teamId !== undefined && to.teamId !== current.teamId ? undefined : current.ownerId));
    const { ownerId: _o, teamId: _t, routedBy: _r, ...rest } = current;
    const next: Case = {
      ...touched(rest as Case, ctx),
      ...(teamId ? { teamId } : {}),
      ...(ownerId ? { ownerId } : {}),
      ...(teamId === current.teamId && current.routedBy ? { routedBy: current.routedBy } : {}),
    };
    const changes = diffFields(current, next, ['ownerId', 'teamId']);
    if (changes.length === 0) return current;
    const event = newCaseEvent(this.deps, ctx, 'CaseAssigned', {
      subject: caseSubject(next),
      changes,
      data: { case: next },
    });
    return commitCaseChange(this.deps, current, next, event, picked ? { capacity: picked.capacity } : {});
  }

  async setStatus(
    actor: CaseActor,
    caseId: string,
    expectedVersion: number,
    status: CaseStatus,
  ): Promise<Case> {
    const { current, ctx } = await this.forChange(actor, caseId, expectedVersion);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    const next = touched(withStatus(settings, current, status, ctx.now), ctx);
    if (next.status === current.status) return current;
    const event = newCaseEvent(this.deps, ctx, 'CaseStatusChanged', {
      subject: caseSubject(next),
      changes: diffFields(current, next, ['status']),
      data: { case: next, from: current.status, to: next.status },
    });
    return commitCaseChange(this.deps, current, next, event);
  }

  /** An internal note: the customer never sees it, and it answers nobody. */
  async addNote(actor: CaseActor, caseId: string, text: string): Promise<CaseMessage> {
    const ctx = await changeContext(this.deps, actor);
    return this.append(actor, caseId, ctx, (c) => ({
      c,
      message: this.message(ctx, c, {
        kind: 'note',
        channel: c.channel,
        authorId: actor.userId,
        text,
        attachments: [],
      }),
    }));
  }

  /**
   * Answers the customer by e-mail from the service mailbox: the case token
   * in the subject and the thread's references in the headers. The first
   * answer meets the first-response target; `status` moves the case in the
   * same write (typically to waiting on the customer). The mail goes out
   * first: when SES refuses it nothing is written.
   */
  async reply(
    actor: CaseActor,
    caseId: string,
    input: { readonly text: string; readonly status?: CaseStatus },
  ) {
    const current = await this.get(actor, caseId);
    if (!caseChangeableBy(actor, current)) throw new NotFoundError('case', caseId);
    const ctx = await changeContext(this.deps, actor);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    const to = await this.recipientOf(current);
    const invalid: InvalidField[] = [];
    if (!to)
      invalid.push({ name: 'to', reason: 'the case has no contact or requester with an e-mail address' });
    if (!settings.mailbox)
      invalid.push({ name: 'mailbox', reason: 'the service settings have no mailbox to reply from' });
    if (!to || !settings.mailbox || invalid.length > 0)
      throw new UnprocessableError('the case cannot be answered by e-mail', invalid);
    // The mails a reply refers to are the latest: References keeps the first it is given and the newest.
    const thread = { items: await this.deps.cases.latestMessages(actor.tenantId, caseId, 100) };
    const messageId = this.deps.ids.next();
    const { email, ownMessageId } = replyEmail(settings.mailbox, current, thread.items, {
      messageId,
      to,
      text: input.text,
    });
    /** The case answered: its first response met, a new case opened, and moved to the asked status. */
    const answered = (c: Case, move = true) => {
      const responded = c.firstRespondedAt
        ? c
        : { ...c, firstRespondedAt: ctx.now.toISOString(), sla: respondSla(c.sla, ctx.now) };
      const opened =
        responded.status === 'new' ? withStatus(settings, responded, 'open', ctx.now) : responded;
      return move && input.status && input.status !== opened.status
        ? withStatus(settings, opened, input.status, ctx.now)
        : opened;
    };
    // A status the case cannot move to is refused before the mail goes out.
    answered(current);
    const sent = await this.deps.mailer.send(email);
    return this.append(actor, caseId, ctx, (c) => {
      let moved: Case;
      try {
        moved = answered(c);
      } catch (error) {
        // The mail went out; a case moved meanwhile so that the status no longer can still keeps the reply.
        if (!(error instanceof ConflictError)) throw error;
        moved = answered(c, false);
      }
      const message = this.message(
        ctx,
        c,
        {
          kind: 'outbound',
          channel: 'email',
          authorId: actor.userId,
          to,
          subject: email.subject,
          text: input.text,
          mailMessageId: ownMessageId,
          providerMessageId: sent.messageId,
          attachments: [],
        },
        messageId,
      );
      return { c: moved, message };
    });
  }

  private async recipientOf(c: Case): Promise<string | undefined> {
    if (c.contactId) {
      const contact = await this.deps.parties.contact(c.tenantId, c.contactId);
      if (contact?.email) return contact.email;
    }
    return c.requester?.email;
  }

  private message(
    ctx: ChangeContext,
    c: Case,
    fields: Omit<CaseMessage, 'id' | 'tenantId' | 'caseId' | 'at'>,
    id = this.deps.ids.next(),
  ): CaseMessage {
    return { ...fields, id, tenantId: c.tenantId, caseId: c.id, at: ctx.now.toISOString() };
  }

  /** Appends a message (re-reading the case when another write moved it meanwhile) and returns it. */
  private async append(
    actor: CaseActor,
    caseId: string,
    ctx: ChangeContext,
    build: (c: Case) => { c: Case; message: CaseMessage },
  ): Promise<CaseMessage> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.get(actor, caseId);
      if (!caseChangeableBy(actor, current)) throw new NotFoundError('case', caseId);
      const { c, message } = build(current);
      const next: Case = {
        ...touched(c, ctx),
        messageCount: current.messageCount + 1,
        lastMessageAt: message.at,
      };
      const event = newCaseEvent(this.deps, ctx, 'CaseMessageAdded', {
        subject: caseSubject(next),
        changes: diffFields(current, next, ['status']),
        data: { case: next, message },
      });
      try {
        await commitCaseChange(this.deps, current, next, event, { message });
        return message;
      } catch (error) {
        if (!(error instanceof VersionMismatchError) || attempt >= appendAttempts) throw error;
      }
    }
  }

  private async forChange(actor: CaseActor, caseId: string, expectedVersion: number) {
    const current = await this.get(actor, caseId);
    if (!caseChangeableBy(actor, current)) throw new NotFoundError('case', caseId);
    assertVersion('case', current, expectedVersion);
    return { current, ctx: await changeContext(this.deps, actor) };
  }
}
