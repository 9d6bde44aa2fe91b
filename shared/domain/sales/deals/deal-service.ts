import type { AccountStore, ContactStore } from '#domain/accounts/stores';
import type { SupplyPointStore } from '#domain/energy/stores';
import {
  assertVersion,
  ForbiddenError,
  type InvalidField,
  NotFoundError,
  ValidationError,
} from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import {
  changesAllDeals,
  type DealAccess,
  type SalesActor,
  type SalesSettingsReader,
  seesAllDeals,
} from '#domain/sales/sales-ports';
import type { DealStore } from '#domain/sales/stores';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { DealStage } from '#domain/settings/setting';
import type { ChangeContext } from '#domain/stamps';
import type { UserLookup } from '#domain/users/user-lookup';
import {
  createDeal,
  type Deal,
  type DealDraft,
  type DealParticipant,
  type DealPatch,
  type DealStageSnapshot,
  isDealMember,
  stageSnapshot,
  updateDeal,
} from './deal';
import { dealChangeableBy, dealVisibleTo } from './deal-access';
import { newDealEvent } from './deal-events';
import { forecastGroupsOf } from './forecast-groups';

export interface DealDeps extends ServiceDeps {
  readonly deals: DealStore;
  readonly accounts: Pick<AccountStore, 'get'>;
  readonly contacts: Pick<ContactStore, 'get'>;
  readonly supplyPoints: Pick<SupplyPointStore, 'get'>;
  readonly settings: SalesSettingsReader;
  readonly users: UserLookup;
}

/** A deal about to be written, with its event: a conversion or an accepted offer writes it with its own change. */
export interface PreparedDeal {
  readonly previous?: Deal;
  readonly deal: Deal;
  readonly event: DomainEvent;
}

const stagesPage = 100;

/**
 * Deals (R-SA-4): owner, participants whose shares total exactly 10 000
 * basis points, stage from the tenant's stages, value, expected close date.
 * Every write checks what the deal refers to in the caller's tenant; a sales
 * user sees and changes only the deals they own or take part in.
 */
export class DealService {
  constructor(private readonly deps: DealDeps) {}

  async create(actor: SalesActor, draft: DealDraft, idempotency?: IdempotencyToken): Promise<Created<Deal>> {
    const prepared = await this.prepareCreate(actor, draft);
    return this.deps.deals.create(prepared.deal, prepared.event, idempotency);
  }

  /**
   * A new deal checked and built, not yet written. `knownAccount`: the
   * account is written in the same transaction (a conversion), so it is not
   * looked up.
   */
  async prepareCreate(
    actor: SalesActor,
    draft: DealDraft,
    options: { readonly knownAccount?: boolean; readonly leadId?: string; readonly ctx?: ChangeContext } = {},
  ): Promise<PreparedDeal> {
    const ownerId = draft.ownerId ?? actor.userId;
    const participants: readonly DealParticipant[] = draft.participants ?? [
      { userId: ownerId, shareBasisPoints: 10_000 },
    ];
    const invalid: InvalidField[] = [];
    if (!options.knownAccount) await this.checkAccount(actor.tenantId, draft, invalid);
    await this.checkPeople(actor.tenantId, ownerId, participants, invalid);
    const stage = await this.stage(actor.tenantId, draft.stageId, invalid);
    await this.checkSettings(actor.tenantId, draft, invalid);
    if (invalid.length > 0) throw new ValidationError(invalid);
    if (!changesAllDeals(actor) && !isDealMember({ ownerId, participants }, actor.userId)) {
      throw new ForbiddenError('you can only create deals that you own or take part in');
    }
    const ctx = options.ctx ?? (await changeContext(this.deps, actor));
    // The deal keeps its stage as `stage` only: a copied `stageId` would stay behind when it moves.
    const { stageId: _stageId, ...fields } = draft;
    const deal = createDeal(
      this.deps.ids.next(),
      {
        ...fields,
        ownerId,
        participants,
        stage: stage as DealStageSnapshot,
        forecastGroupIds: await forecastGroupsOf(this.deps.settings, actor.tenantId, ownerId),
        ...(options.leadId ? { leadId: options.leadId } : {}),
      },
      ctx,
    );
    const event = newDealEvent(this.deps, ctx, 'DealCreated', {
      subject: { type: 'deal', id: deal.id, accountId: deal.accountId },
      data: { deal },
    });
    return { deal, event };
  }

  /**
   * A deal the caller may see; another tenant's, or one a sales user has no
   * part in, answers 404. To change it (`write`), the caller must be an
   * admin or one of its members: a viewer who sees it gets 403.
   */
  async get(actor: SalesActor, dealId: string, access: DealAccess = 'read'): Promise<Deal> {
    const deal = await this.deps.deals.get(actor.tenantId, dealId);
    if (!deal || !dealVisibleTo(actor, deal)) throw new NotFoundError('deal', dealId);
    if (access === 'write' && !dealChangeableBy(actor, deal))
      throw new ForbiddenError('only the deal’s owner, its participants and admins change it');
    return deal;
  }

  async update(actor: SalesActor, dealId: string, expectedVersion: number, patch: DealPatch): Promise<Deal> {
    const current = await this.get(actor, dealId, 'write');
    assertVersion('deal', current, expectedVersion);
    const prepared = await this.prepareUpdate(actor, current, patch);
    if (!prepared) return current;
    await this.deps.deals.update(current, prepared.deal, prepared.event);
    return prepared.deal;
  }

  /** The change of a patch, checked; undefined when it changes nothing. */
  async prepareUpdate(
    actor: SalesActor,
    current: Deal,
    patch: DealPatch,
    ctx?: ChangeContext,
  ): Promise<PreparedDeal | undefined> {
    const invalid: InvalidField[] = [];
    const ownerId = patch.ownerId ?? current.ownerId;
    if (patch.ownerId !== undefined || patch.participants !== undefined) {
      await this.checkPeople(
        actor.tenantId,
        ownerId,
        patch.participants ?? current.participants,
        invalid,
        current,
      );
    }
    const stage =
      patch.stageId !== undefined && patch.stageId !== current.stage.id
        ? await this.stage(actor.tenantId, patch.stageId, invalid)
        : undefined;
    await this.checkSettings(actor.tenantId, patch, invalid, current);
    if (patch.contactId || patch.supplyPointIds)
      await this.checkAccountLinks(actor.tenantId, current.accountId, patch, invalid);
    if (invalid.length > 0) throw new ValidationError(invalid);

    const at = ctx ?? (await changeContext(this.deps, actor));
    const forecastGroupIds =
      ownerId === current.ownerId
        ? current.forecastGroupIds
        : await forecastGroupsOf(this.deps.settings, actor.tenantId, ownerId);
    const { deal, changes } = updateDeal(current, { patch, stage, forecastGroupIds }, at);
    if (changes.length === 0) return undefined;
    if (!changesAllDeals(actor) && !isDealMember(deal, actor.userId)) {
      throw new ValidationError([
        { name: 'participants', reason: 'you would no longer own or take part in the deal; ask an admin' },
      ]);
    }
    const moved = deal.stage.id !== current.stage.id;
    const event = newDealEvent(this.deps, at, moved ? 'DealStageChanged' : 'DealUpdated', {
      subject: { type: 'deal', id: deal.id, accountId: deal.accountId },
      data: { deal, previous: current },
      changes,
    });
    return { previous: current, deal, event };
  }

  /**
   * Closes a deal as won (an accepted offer, R-SA-6): moves it to the
   * tenant's first won stage. Undefined when it is already won.
   */
  async prepareWon(actor: SalesActor, current: Deal, ctx: ChangeContext): Promise<PreparedDeal | undefined> {
    if (current.stage.status === 'won') return undefined;
    const won = await this.firstWonStage(actor.tenantId);
    return this.prepareUpdate(actor, current, { stageId: won.id, lossReasonId: null }, ctx);
  }

  list(actor: SalesActor, page: PageRequest): Promise<Page<Deal>> {
    return seesAllDeals(actor)
      ? this.deps.deals.list(actor.tenantId, page)
      : this.deps.deals.ofUser(actor.tenantId, actor.userId, page);
  }

  private async firstWonStage(tenantId: string): Promise<DealStage> {
    const won: DealStage[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.settings.list(tenantId, 'deal-stage', {}, { limit: stagesPage, cursor });
      for (const s of page.items) if (s.kind === 'deal-stage' && s.status === 'won') won.push(s);
      cursor = page.nextCursor;
    } while (cursor);
    const first = won.sort((a, b) => a.order - b.order)[0];
    if (!first) {
      throw new ValidationError([
        {
          name: 'stageId',
          reason: 'the tenant has no won deal stage; an admin must add one in the settings',
        },
      ]);
    }
    return first;
  }

  private async stage(tenantId: string, stageId: string, invalid: InvalidField[]) {
    const setting = await this.deps.settings.get(tenantId, stageId);
    if (setting?.kind !== 'deal-stage' || setting.deletedAt !== undefined) {
      invalid.push({ name: 'stageId', reason: 'no such deal stage' });
      return undefined;
    }
    return stageSnapshot(setting);
  }

  private async checkSettings(
    tenantId: string,
    fields: Pick<DealPatch, 'typeId' | 'lossReasonId'>,
    invalid: InvalidField[],
    current?: Deal,
  ) {
    const refs = [
      ['typeId', 'deal-type', fields.typeId, current?.typeId],
      ['lossReasonId', 'loss-reason', fields.lossReasonId, current?.lossReasonId],
    ] as const;
    for (const [name, kind, id, was] of refs) {
      if (!id || id === was) continue;
      const setting = await this.deps.settings.get(tenantId, id);
      if (!setting || setting.kind !== kind || setting.deletedAt !== undefined)
        invalid.push({ name, reason: `no such ${kind}` });
    }
  }

  private async checkAccount(tenantId: string, draft: DealDraft, invalid: InvalidField[]) {
    const account = await this.deps.accounts.get(tenantId, draft.accountId);
    if (!account || account.deletedAt !== undefined) {
      invalid.push({ name: 'accountId', reason: 'no such account' });
      return;
    }
    await this.checkAccountLinks(tenantId, draft.accountId, draft, invalid);
  }

  /** The contact and the supply points must be the deal's account's own. */
  private async checkAccountLinks(
    tenantId: string,
    accountId: string,
    fields: { readonly contactId?: string | null; readonly supplyPointIds?: readonly string[] },
    invalid: InvalidField[],
  ) {
    if (fields.contactId) {
      const contact = await this.deps.contacts.get(tenantId, fields.contactId);
      if (!contact || contact.deletedAt !== undefined || contact.accountId !== accountId)
        invalid.push({ name: 'contactId', reason: 'no such contact of the account' });
    }
    for (const [i, id] of (fields.supplyPointIds ?? []).entries()) {
      const supplyPoint = await this.deps.supplyPoints.get(tenantId, id);
      if (!supplyPoint || supplyPoint.deletedAt !== undefined || supplyPoint.accountId !== accountId)
        invalid.push({ name: `supplyPointIds.${i}`, reason: 'no such supply point of the account' });
    }
  }

  /** Owner and participants must be users of the tenant; new ones must be active. */
  private async checkPeople(
    tenantId: string,
    ownerId: string,
    participants: readonly DealParticipant[],
    invalid: InvalidField[],
    current?: Deal,
  ) {
    const known = new Set(current ? [current.ownerId, ...current.participants.map((p) => p.userId)] : []);
    const check = async (userId: string, name: string) => {
      if (known.has(userId)) return;
      const user = await this.deps.users.user(tenantId, userId);
      if (!user) invalid.push({ name, reason: 'no such user' });
      else if (!user.active) invalid.push({ name, reason: 'the user is deactivated' });
    };
    await check(ownerId, 'ownerId');
    for (const [i, p] of participants.entries()) await check(p.userId, `participants.${i}.userId`);
  }
}
