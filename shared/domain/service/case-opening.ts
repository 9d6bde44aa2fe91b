import { type InvalidField, UnprocessableError } from '#domain/errors';
import type { IdempotencyToken } from '#domain/ports';
import { todayIn } from '#domain/sales/offers/offer';
import type { ServiceDeps } from '#domain/service-context';
import { type ChangeContext, createdStamps } from '#domain/stamps';
import type { Case, CaseMessage, Requester } from './case';
import { pickAssignee } from './case-assignment';
import { newCaseEvent } from './case-events';
import { routeCase } from './case-routing';
import { respondSla, startSla } from './case-sla';
import type {
  CaseParties,
  CaseStore,
  EntitlementStore,
  StoredServiceSettings,
  TeamDirectory,
} from './case-store';
import { setTimers } from './case-timer-plans';
import type { CaseTimerScheduler } from './case-timers';
import { entitlementOn } from './entitlement';
import { supportLevelFor } from './service-level';
import type { CaseChannel, CasePriority, ServiceSettings } from './service-settings';

export interface CaseOpeningDeps extends ServiceDeps {
  readonly cases: CaseStore;
  readonly settings: { ofTenant(tenantId: string): Promise<StoredServiceSettings> };
  readonly parties: CaseParties;
  readonly entitlements: Pick<EntitlementStore, 'ofAccount'>;
  readonly teams: TeamDirectory;
  readonly timers: CaseTimerScheduler;
}

/** What opens a case, from an agent or a channel. */
export interface CaseDraft {
  readonly subject: string;
  readonly description: string;
  readonly type?: string;
  readonly priority?: CasePriority;
  readonly channel: CaseChannel;
  readonly accountId?: string;
  readonly contactId?: string;
  readonly supplyPointId?: string;
  readonly requester?: Requester;
  /** An agent's choice instead of routing. */
  readonly teamId?: string;
  readonly ownerId?: string;
  readonly tags?: readonly string[];
}

/** What a channel brings with the case: its first message and what later messages thread by. */
export interface OpeningSource {
  readonly message?: Omit<CaseMessage, 'id' | 'tenantId' | 'caseId'>;
  readonly conversationKey?: string;
  readonly mailIds?: readonly string[];
}

/** The links of a draft, checked and completed: a contact's account, a supply point's account. */
async function linksOf(deps: CaseOpeningDeps, tenantId: string, draft: CaseDraft) {
  const invalid: InvalidField[] = [];
  let accountId = draft.accountId;
  const contact = draft.contactId ? await deps.parties.contact(tenantId, draft.contactId) : undefined;
  if (draft.contactId && !contact) invalid.push({ name: 'contactId', reason: 'no contact of this tenant' });
  if (contact?.accountId) {
    if (accountId && accountId !== contact.accountId)
      invalid.push({ name: 'contactId', reason: 'the contact belongs to another account' });
    accountId ??= contact.accountId;
  }
  const supplyPoint = draft.supplyPointId
    ? await deps.parties.supplyPoint(tenantId, draft.supplyPointId)
    : undefined;
  if (draft.supplyPointId && !supplyPoint)
    invalid.push({ name: 'supplyPointId', reason: 'no supply point of this tenant' });
  if (supplyPoint?.accountId) {
    if (accountId && accountId !== supplyPoint.accountId)
      invalid.push({ name: 'supplyPointId', reason: 'the supply point belongs to another account' });
    accountId ??= supplyPoint.accountId;
  }
  const account = accountId ? await deps.parties.account(tenantId, accountId) : undefined;
  if (accountId && !account) invalid.push({ name: 'accountId', reason: 'no account of this tenant' });
  return { invalid, account, accountId: account?.id, territory: supplyPoint?.territoryCode };
}

export function checkCaseType(
  settings: ServiceSettings,
  type: string | undefined,
  field = 'type',
): InvalidField[] {
  if (type === undefined || settings.caseTypes.some((t) => t.code === type)) return [];
  return [
    {
      name: field,
      reason: `not a case type of this tenant; one of ${settings.caseTypes.map((t) => t.code).join(', ')}`,
    },
  ];
}

export function checkTeam(
  settings: ServiceSettings,
  teamId: string | undefined,
  field = 'teamId',
): InvalidField[] {
  if (teamId === undefined || settings.teams.some((t) => t.groupId === teamId)) return [];
  return [{ name: field, reason: 'not a team of the service settings' }];
}

/** The owner the team's method gives a new case, with the load move that goes with it. */
export async function assigneeIn(
  deps: CaseOpeningDeps,
  settings: ServiceSettings,
  tenantId: string,
  teamId: string,
) {
  const team = settings.teams.find((t) => t.groupId === teamId);
  if (!team || team.method === 'queue') return undefined;
  const members = await deps.teams.members(tenantId, teamId);
  const [active, load] = await Promise.all([
    deps.teams.active(tenantId, members),
    deps.cases.teamLoad(tenantId, teamId),
  ]);
  const userId = pickAssignee(team, members, new Set(active.keys()), load);
  return userId ? { userId, capacity: team.capacityPerMember } : undefined;
}

/**
 * Opens a case: links checked, the support level from an entitlement valid
 * today, the account's categories or the default; the clocks started by the
 * level's policy for the priority; routed to a team by the first matching
 * rule (unless the agent chose one) and, inside it, given an owner by the
 * team's method. The timers are scheduled before the write: a timer of a
 * write that failed finds no case, or a case that plans other times, and
 * does nothing.
 */
export async function openCase(
  deps: CaseOpeningDeps,
  ctx: ChangeContext,
  draft: CaseDraft,
  source: OpeningSource = {},
  idempotency?: IdempotencyToken,
) {
  const tenantId = ctx.tenant.id;
  const settings = await deps.settings.ofTenant(tenantId);
  const links = await linksOf(deps, tenantId, draft);
  const invalid = [
    ...links.invalid,
    ...checkCaseType(settings, draft.type),
    ...checkTeam(settings, draft.teamId),
  ];
  if (draft.ownerId) {
    const owner = (await deps.teams.active(tenantId, [draft.ownerId])).get(draft.ownerId);
    if (!owner) invalid.push({ name: 'ownerId', reason: 'no active user of this tenant' });
  }
  if (invalid.length > 0) throw new UnprocessableError('the case cannot be opened so', invalid);

  const entitlements = links.accountId ? await deps.entitlements.ofAccount(tenantId, links.accountId) : [];
  const entitled = entitlementOn(entitlements, todayIn(ctx.now, ctx.tenant.timeZone));
  const categoryIds = links.account?.categoryIds ?? [];
  const supportLevelId = supportLevelFor(settings, {
    entitlementLevelId: entitled?.supportLevelId,
    categoryIds,
  });
  const priority = draft.priority ?? 'normal';
  const started = startSla(settings, supportLevelId, priority, ctx.now);
  // On the phone the customer already has an agent: the first response is the call.
  const sla = draft.channel === 'phone' ? respondSla(started, ctx.now) : started;
  const routed = draft.teamId
    ? { teamId: draft.teamId }
    : routeCase(settings, {
        caseType: draft.type,
        channel: draft.channel,
        categoryIds,
        supportLevelId,
        territory: links.territory,
        subject: draft.subject,
        body: draft.description,
      });
  const id = deps.ids.next();
  const at = ctx.now.toISOString();
  const base: Omit<Case, 'number' | 'ownerId'> = {
    ...createdStamps(id, ctx),
    subject: draft.subject,
    description: draft.description,
    ...(draft.type ? { type: draft.type } : {}),
    priority,
    channel: draft.channel,
    status: 'new',
    statusChangedAt: at,
    ...(links.accountId ? { accountId: links.accountId } : {}),
    ...(draft.contactId ? { contactId: draft.contactId } : {}),
    ...(draft.supplyPointId ? { supplyPointId: draft.supplyPointId } : {}),
    ...(draft.requester ? { requester: draft.requester } : {}),
    ...(routed.teamId ? { teamId: routed.teamId } : {}),
    ...(routed.ruleId ? { routedBy: routed.ruleId } : {}),
    tags: [...new Set(draft.tags ?? [])],
    sla,
    ...(sla.firstResponse.metAt ? { firstRespondedAt: sla.firstResponse.metAt } : {}),
    reopenCount: 0,
    messageCount: source.message ? 1 : 0,
    ...(source.message ? { lastMessageAt: source.message.at } : {}),
    ...(source.conversationKey ? { conversation: { key: source.conversationKey } } : {}),
  };
  await setTimers(deps.timers, tenantId, id, {}, sla.timers);
  return deps.cases.create(
    tenantId,
    async (number) => {
      const assignee = draft.ownerId
        ? { userId: draft.ownerId, capacity: undefined }
        : routed.teamId
          ? await assigneeIn(deps, settings, tenantId, routed.teamId)
          : undefined;
      const opened: Case = { ...base, number, ...(assignee ? { ownerId: assignee.userId } : {}) };
      const message: CaseMessage | undefined = source.message
        ? { ...source.message, id: deps.ids.next(), tenantId, caseId: id }
        : undefined;
      return {
        case: opened,
        event: newCaseEvent(deps, ctx, 'CaseOpened', {
          subject: caseSubject(opened),
          data: { case: opened },
        }),
        ...(message ? { message } : {}),
        ...(assignee && opened.teamId
          ? {
              load: {
                assign: {
                  teamId: opened.teamId,
                  userId: assignee.userId,
                  capacity: assignee.capacity ?? Number.MAX_SAFE_INTEGER,
                },
              },
            }
          : {}),
        ...(source.conversationKey ? { conversationKey: source.conversationKey } : {}),
        ...(source.mailIds?.length ? { mailIds: source.mailIds } : {}),
      };
    },
    idempotency,
  );
}

/** The event subject of a case: with its account, so the account's history shows it too. */
export const caseSubject = (c: Pick<Case, 'id' | 'accountId'>) =>
  ({ type: 'case', id: c.id, ...(c.accountId ? { accountId: c.accountId } : {}) }) as const;
