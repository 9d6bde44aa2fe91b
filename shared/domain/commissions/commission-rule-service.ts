import { calendarDateReason, isCalendarDate } from '#domain/energy/pricing/calendar-date';
import {
  assertVersion,
  ConflictError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from '#domain/errors';
import { todayIn } from '#domain/sales/offers/offer';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { newCommissionEvent } from './commission-events';
import { type CommissionRule, currentVersion, type RuleContent, type RuleVersion } from './commission-rule';
import { assertCommissionAdmin } from './commission-service';
import type { CommissionRuleStore, PriceMargins } from './commission-stores';
import { tiesOf } from './rule-matching';
import { validateRuleContent } from './rule-validation';

export interface CommissionRuleServiceDeps extends ServiceDeps {
  readonly rules: CommissionRuleStore;
  readonly margins: Pick<PriceMargins, 'productHasMargins'>;
}

/** A rule's content with the day its version starts (today in the tenant's zone when absent). */
export type RuleRequest = RuleContent & { readonly validFrom?: string };

/**
 * Commission rules as tenant data (R-CM-1), admins only. Every save adds a
 * version; a version starts on its `validFrom` and the commissions already
 * made keep the version they were made by.
 */
export class CommissionRuleService {
  constructor(private readonly deps: CommissionRuleServiceDeps) {}

  async list(actor: SalesActor): Promise<CommissionRule[]> {
    assertCommissionAdmin(actor);
    return (await this.deps.rules.all(actor.tenantId)).rules;
  }

  async get(actor: SalesActor, ruleId: string): Promise<CommissionRule> {
    assertCommissionAdmin(actor);
    const { rules } = await this.deps.rules.all(actor.tenantId);
    const rule = rules.find((r) => r.id === ruleId);
    if (!rule) throw new NotFoundError('commission rule', ruleId);
    return rule;
  }

  create(actor: SalesActor, request: RuleRequest): Promise<CommissionRule> {
    return this.save(actor, this.deps.ids.next(), undefined, request);
  }

  update(actor: SalesActor, ruleId: string, ifMatch: number, request: RuleRequest): Promise<CommissionRule> {
    return this.save(actor, ruleId, ifMatch, request);
  }

  /** From `validFrom` on (today by default) the rule applies to no new contract. */
  async retire(
    actor: SalesActor,
    ruleId: string,
    ifMatch: number,
    validFrom?: string,
  ): Promise<CommissionRule> {
    const current = currentVersion(await this.get(actor, ruleId));
    const {
      ruleId: _id,
      version: _v,
      validFrom: _from,
      createdAt: _at,
      createdBy: _by,
      ...content
    } = current;
    return this.save(actor, ruleId, ifMatch, {
      ...content,
      active: false,
      ...(validFrom ? { validFrom } : {}),
    });
  }

  private async save(
    actor: SalesActor,
    ruleId: string,
    ifMatch: number | undefined,
    request: RuleRequest,
  ): Promise<CommissionRule> {
    assertCommissionAdmin(actor);
    const { validFrom: requested, ...given } = request;
    const content = validateRuleContent(given);
    const ctx = await changeContext(this.deps, actor);
    const validFrom = requested ?? todayIn(ctx.now, ctx.tenant.timeZone);
    if (!isCalendarDate(validFrom))
      throw new ValidationError([{ name: 'validFrom', reason: calendarDateReason }]);
    if (content.currency !== ctx.tenant.currency) {
      // Statements add up one currency: the tenant's, which its contracts are in.
      throw new UnprocessableError(`commissions are in the tenant’s currency, ${ctx.tenant.currency}`, [
        { name: 'currency', reason: `must be ${ctx.tenant.currency}` },
      ]);
    }
    const { rules, revision } = await this.deps.rules.all(actor.tenantId);
    const existing = rules.find((r) => r.id === ruleId);
    if (ifMatch !== undefined) {
      if (!existing) throw new NotFoundError('commission rule', ruleId);
      const latest = currentVersion(existing);
      assertVersion('commission rule', { id: ruleId, version: latest.version }, ifMatch);
      if (validFrom < latest.validFrom) {
        throw new ValidationError([
          {
            name: 'validFrom',
            reason: `must be on or after ${latest.validFrom}, when version ${latest.version} starts`,
          },
        ]);
      }
    }
    const ties = tiesOf(rules, ruleId, { ...content, validFrom });
    if (ties.length > 0) {
      throw new ConflictError(
        'rule-overlap',
        `as specific as, and able to match the same contracts as: ${ties.map((t) => `"${t.name}" (${t.ruleId})`).join(', ')}; make one more specific or tell them apart`,
        [{ name: 'match', reason: `ties with ${ties.map((t) => t.ruleId).join(', ')}` }],
      );
    }
    const { productId } = content.match;
    if (
      content.active &&
      content.amount.kind === 'margin-share' &&
      productId !== undefined &&
      !(await this.deps.margins.productHasMargins(actor.tenantId, productId))
    ) {
      throw new UnprocessableError(`product ${productId} has no margin in its newest price list`, [
        { name: 'amount.kind', reason: 'margin-share needs the product’s prices to carry marginPerMwhMinor' },
      ]);
    }
    const version: RuleVersion = {
      ...content,
      ruleId,
      version: existing ? currentVersion(existing).version + 1 : 1,
      validFrom,
      createdAt: ctx.now.toISOString(),
      createdBy: actor.userId,
    };
    const event = newCommissionEvent(this.deps, ctx, 'CommissionRuleChanged', {
      subject: { type: 'commissionRule', id: ruleId },
      data: { rule: version },
    });
    try {
      await this.deps.rules.save(actor.tenantId, version, revision, event);
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'changed-meanwhile') {
        throw new ConflictError(
          'changed-meanwhile',
          'another commission rule was saved meanwhile; read the rules again and retry',
        );
      }
      throw error;
    }
    return { id: ruleId, versions: [...(existing?.versions ?? []), version] };
  }
}
