import type { Commission } from '#domain/commissions/commission';
import { type CommissionRule, currentVersion } from '#domain/commissions/commission-rule';
import type { CommissionsServices } from '#domain/commissions/commissions-services';
import { payrollCsv } from '#domain/commissions/payroll-csv';
import { type BoundRoute, bind } from '#http/route';
import { commissionRoutes as r } from './commissions-routes';

const versioned = (commission: Commission) => ({ body: commission, version: commission.version });

/** A rule as the API shows it: its current version first; the ETag is that version's number. */
const ruleView = (rule: CommissionRule) => {
  const current = currentVersion(rule);
  return { body: { id: rule.id, current, versions: rule.versions }, version: current.version };
};

/** Maps each commission route onto its domain service call; the caller acts with the roles of their token. */
export function commissionsApi(s: CommissionsServices): BoundRoute[] {
  return [
    bind(r.listCommissions, async ({ caller, query: { limit, cursor, state } }) => ({
      body: await s.commissions.list(caller, state, { limit, cursor }),
    })),
    bind(r.getCommission, async ({ caller, params }) =>
      versioned(await s.commissions.get(caller, params.commissionId)),
    ),
    bind(r.approveInstalments, async ({ caller, params, body }) =>
      versioned(await s.commissions.approve(caller, params.commissionId, body.instalmentIds)),
    ),
    bind(r.payInstalments, async ({ caller, params, body }) =>
      versioned(
        await s.commissions.pay(caller, params.commissionId, body.instalmentIds, body.paymentReference),
      ),
    ),
    bind(r.holdInstalment, async ({ caller, params, body }) =>
      versioned(await s.commissions.hold(caller, params.commissionId, params.instalmentId, body.reason)),
    ),
    bind(r.releaseInstalment, async ({ caller, params }) =>
      versioned(await s.commissions.release(caller, params.commissionId, params.instalmentId)),
    ),
    bind(r.listCommissionGaps, async ({ caller, query: { limit, cursor } }) => ({
      body: await s.commissions.gaps(caller, { limit, cursor }),
    })),
    bind(r.retryCommissionGap, async ({ caller, params }) => {
      const outcome = await s.commissions.retryGap(caller, params.contractId);
      return {
        body: outcome.kind === 'commission' ? { commission: outcome.commission } : { gap: outcome.gap },
      };
    }),
    bind(r.approveMonth, async ({ caller, params, body }) => ({
      body: await s.payouts.approveMonth(caller, params.month, body.cursor),
    })),
    bind(r.payMonth, async ({ caller, params, body }) => ({
      body: await s.payouts.payMonth(caller, params.month, body.paymentReference, body.cursor),
    })),
    bind(r.exportPayroll, async ({ caller, params }) => {
      return {
        body: payrollCsv(await s.payouts.payoutLines(caller, params.month)),
        headers: { 'content-disposition': `attachment; filename="commission-payroll-${params.month}.csv"` },
      };
    }),
    bind(r.getStatement, async ({ caller, params }) => ({
      body: await s.reports.statement(caller, params.userId, params.month),
    })),
    bind(r.getCompanyReport, async ({ caller, query }) => ({
      body: { items: await s.reports.company(caller, query.from, query.to) },
    })),
    bind(r.listCommissionRules, async ({ caller }) => ({
      body: { items: (await s.rules.list(caller)).map((rule) => ruleView(rule).body) },
    })),
    bind(r.getCommissionRule, async ({ caller, params }) =>
      ruleView(await s.rules.get(caller, params.ruleId)),
    ),
    bind(r.createCommissionRule, async ({ caller, body }) => ({
      status: 201,
      ...ruleView(await s.rules.create(caller, body)),
    })),
    bind(r.updateCommissionRule, async ({ caller, params, body, ifMatch }) =>
      ruleView(await s.rules.update(caller, params.ruleId, ifMatch as number, body)),
    ),
    bind(r.retireCommissionRule, async ({ caller, params, body, ifMatch }) =>
      ruleView(await s.rules.retire(caller, params.ruleId, ifMatch as number, body.validFrom)),
    ),
  ];
}
