import type { Contract } from '#domain/contracts/contract';
import { VersionMismatchError } from '#domain/errors';
import { todayIn } from '#domain/sales/offers/offer';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import { clawBack } from './clawback';
import type { Commission } from './commission';
import { changeData, commissionSubject, generatedData, newCommissionEvent } from './commission-events';
import { generate, type Outcome } from './commission-generation';
import type { CommissionRuleStore, CommissionStore, PriceMargins } from './commission-stores';
import { factsOf, ruleFor } from './rule-matching';

export interface CommissionGeneratorDeps extends ServiceDeps {
  readonly commissions: CommissionStore;
  readonly rules: Pick<CommissionRuleStore, 'all'>;
  readonly margins: Pick<PriceMargins, 'ofLines'>;
}

/** The system's name in the history of what it does to commissions. */
export const generatorActor = 'commissions';

/** How often a clawback is tried again when an admin's change got in between. */
const attempts = 5;

/**
 * What follows from contract events (R-CM-1, R-CM-3, R-CM-4): a signed
 * contract earns one commission set, however often and in whatever order
 * its events arrive; a contract that falls away claws it back.
 */
export class CommissionGenerator {
  constructor(private readonly deps: CommissionGeneratorDeps) {}

  /**
   * The commission (or the "no rule" gap) of a signed contract. The guard
   * item written in the same transaction makes every later or concurrent
   * delivery a no-op: undefined then.
   */
  async onSigned(contract: Contract, replacesGap = false): Promise<Outcome | undefined> {
    const ctx = await this.context(contract.tenantId);
    const signedOn = todayIn(new Date(contract.signedAt ?? ctx.now.toISOString()), ctx.tenant.timeZone);
    const { rules } = await this.deps.rules.all(contract.tenantId);
    const rule = ruleFor(rules, factsOf(contract), signedOn);
    const margins =
      rule?.amount.kind === 'margin-share'
        ? await this.deps.margins.ofLines(contract.tenantId, contract.lines)
        : [];
    const outcome = generate(
      { contract, signedOn, now: ctx.now.toISOString(), actorId: generatorActor },
      rule,
      margins,
    );
    const event =
      outcome.kind === 'commission'
        ? newCommissionEvent(this.deps, ctx, 'CommissionGenerated', {
            subject: commissionSubject(outcome.commission),
            data: generatedData(outcome.commission),
          })
        : newCommissionEvent(this.deps, ctx, 'CommissionNotGenerated', {
            subject: { type: 'contract', id: contract.id, accountId: contract.accountId },
            data: { gap: outcome.gap },
          });
    const recorded = await this.deps.commissions.record(outcome, event, replacesGap);
    return recorded ? outcome : undefined;
  }

  /**
   * A withdrawn or terminated contract: its commission clawed back when the
   * rule says so. The event carries the whole contract, so a withdrawal
   * that overtakes its signing still finds the commission made first.
   */
  async onFellAway(contract: Contract): Promise<Commission | undefined> {
    await this.onSigned(contract);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.deps.commissions.get(contract.tenantId, contract.id);
      if (!current) return undefined;
      const ctx = await this.context(contract.tenantId);
      const today = todayIn(ctx.now, ctx.tenant.timeZone);
      const next = clawBack(current, contract, today, {
        by: generatorActor,
        now: ctx.now.toISOString(),
        today,
      });
      if (!next) return undefined;
      const debts = new Map(
        next.clawbacks.slice(current.clawbacks.length).map((e) => [e.userId, -e.amountMinor]),
      );
      const { instalments: _changed, ...moved } = changeData(current, next);
      const event = newCommissionEvent(this.deps, ctx, 'CommissionClawedBack', {
        subject: commissionSubject(next),
        data: {
          ...moved,
          reason: next.clawbackReason ?? '',
          clawbacks: next.clawbacks.slice(current.clawbacks.length),
          companyClawbackMinor: next.companyClawbackMinor ?? 0,
          cancelledInstalmentIds: next.instalments
            .filter(
              (i) =>
                i.status === 'cancelled' &&
                !current.instalments.some((c) => c.id === i.id && c.status === 'cancelled'),
            )
            .map((i) => i.id),
        },
      });
      try {
        await this.deps.commissions.change(current, next, event, debts);
        return next;
      } catch (error) {
        if (!(error instanceof VersionMismatchError) || attempt >= attempts) throw error;
      }
    }
  }

  private context(tenantId: string): Promise<ChangeContext> {
    return changeContext(this.deps, { tenantId, userId: generatorActor });
  }
}
