import type { Contract } from '#domain/contracts/contract';
import { ForbiddenError, NotFoundError, VersionMismatchError } from '#domain/errors';
import type { Page, PageRequest } from '#domain/ports';
import { todayIn } from '#domain/sales/offers/offer';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { Commission, CommissionGap, CommissionState } from './commission';
import {
  changeData,
  commissionSubject,
  type instalmentChanges,
  newCommissionEvent,
} from './commission-events';
import type { Outcome } from './commission-generation';
import type { CommissionGenerator } from './commission-generator';
import type { CommissionStore } from './commission-stores';
import { approve, type Change, hold, pay, recoveredBy, release } from './instalment-moves';

export interface CommissionServiceDeps extends ServiceDeps {
  readonly commissions: CommissionStore;
  readonly generator: Pick<CommissionGenerator, 'onSigned' | 'onFellAway'>;
  readonly contracts: { get(tenantId: string, contractId: string): Promise<Contract | undefined> };
}

export const isCommissionAdmin = (actor: SalesActor) => actor.roles.includes('admin');

export function assertCommissionAdmin(actor: SalesActor): void {
  if (!isCommissionAdmin(actor)) throw new ForbiddenError('only admins manage commissions');
}

const isMember = (actor: SalesActor, c: Commission) => c.participants.some((p) => p.userId === actor.userId);

/** How often an admin's change is made again on a fresh read when another write came first. */
const attempts = 5;

/** A change of a commission's instalments; `today` in the tenant's zone. */
export type Move = (
  current: Commission,
  change: Change,
  debts: Map<string, number>,
  today: string,
) => Commission | undefined;

/**
 * Commissions as users see them (R-CM-1…R-CM-3): a seller their own, an
 * admin all of them; only admins approve, hold, release and pay.
 */
export class CommissionService {
  constructor(private readonly deps: CommissionServiceDeps) {}

  async get(actor: SalesActor, commissionId: string): Promise<Commission> {
    const found = await this.deps.commissions.get(actor.tenantId, commissionId);
    if (!found || !(isCommissionAdmin(actor) || isMember(actor, found))) {
      throw new NotFoundError('commission', commissionId);
    }
    return found;
  }

  list(actor: SalesActor, state: CommissionState | undefined, page: PageRequest): Promise<Page<Commission>> {
    return this.deps.commissions.list(
      actor.tenantId,
      { ...(isCommissionAdmin(actor) ? {} : { memberId: actor.userId }), ...(state ? { state } : {}) },
      page,
    );
  }

  async gaps(actor: SalesActor, page: PageRequest): Promise<Page<CommissionGap>> {
    assertCommissionAdmin(actor);
    return this.deps.commissions.gaps(actor.tenantId, page);
  }

  /** A contract without a commission tried again with the rules as they are now (an admin added the missing one). */
  async retryGap(actor: SalesActor, contractId: string): Promise<Outcome> {
    assertCommissionAdmin(actor);
    const gap = await this.deps.commissions.gap(actor.tenantId, contractId);
    const contract = gap ? await this.deps.contracts.get(actor.tenantId, contractId) : undefined;
    if (!gap || !contract) throw new NotFoundError('commission gap', contractId);
    const outcome = await this.deps.generator.onSigned(contract, true);
    if (!outcome) throw new NotFoundError('commission gap', contractId);
    // A contract that fell away while it had no commission: its withdrawal or termination came and went.
    if (
      outcome.kind === 'commission' &&
      (contract.state === 'withdrawn' || contract.state === 'terminated')
    ) {
      const clawed = await this.deps.generator.onFellAway(contract);
      if (clawed) return { kind: 'commission', commission: clawed };
    }
    return outcome;
  }

  approve(actor: SalesActor, commissionId: string, instalmentIds: readonly string[]) {
    return this.moveOne(actor, commissionId, 'approved', (c, change) => approve(c, instalmentIds, change));
  }

  hold(actor: SalesActor, commissionId: string, instalmentId: string, reason: string) {
    return this.moveOne(actor, commissionId, 'held', (c, change) => hold(c, instalmentId, reason, change));
  }

  release(actor: SalesActor, commissionId: string, instalmentId: string) {
    return this.moveOne(actor, commissionId, 'released', (c, change, _debts, today) =>
      release(c, instalmentId, today, change),
    );
  }

  pay(actor: SalesActor, commissionId: string, instalmentIds: readonly string[], reference: string) {
    return this.moveOne(actor, commissionId, 'paid', (c, change, debts) =>
      pay(c, instalmentIds, reference, debts, change),
    );
  }

  /** One admin change of one commission; the commission unchanged when there was nothing to do. */
  private async moveOne(
    actor: SalesActor,
    commissionId: string,
    kind: (typeof instalmentChanges)[number],
    move: Move,
  ): Promise<Commission> {
    assertCommissionAdmin(actor);
    const ctx = await changeContext(this.deps, actor);
    const current = await this.get(actor, commissionId);
    return (await this.apply(ctx, current, kind, move)) ?? current;
  }

  /**
   * Writes `move` of a commission with its event; on a lost race, made
   * again on a fresh read. A payment reads the participants' debts first,
   * so part of it can settle what they owe from clawbacks.
   */
  async apply(
    ctx: ChangeContext,
    first: Commission,
    kind: (typeof instalmentChanges)[number],
    move: Move,
  ): Promise<Commission | undefined> {
    let current = first;
    for (let attempt = 1; ; attempt += 1) {
      const debts =
        kind === 'paid'
          ? await this.deps.commissions.debts(
              current.tenantId,
              current.participants.map((p) => p.userId),
            )
          : new Map<string, number>();
      const today = todayIn(ctx.now, ctx.tenant.timeZone);
      const next = move(current, { by: ctx.userId, now: ctx.now.toISOString(), today }, debts, today);
      if (!next) return undefined;
      const recovered = recoveredBy(current, next);
      const event = newCommissionEvent(this.deps, ctx, 'CommissionInstalmentsChanged', {
        subject: commissionSubject(next),
        data: { ...changeData(current, next), change: kind },
      });
      try {
        await this.deps.commissions.change(
          current,
          next,
          event,
          new Map([...recovered].map(([userId, amount]) => [userId, -amount])),
        );
        return next;
      } catch (error) {
        if (!(error instanceof VersionMismatchError) || attempt >= attempts) throw error;
        const fresh = await this.deps.commissions.get(current.tenantId, current.id);
        if (!fresh) throw error;
        current = fresh;
      }
    }
  }
}
