import { CommissionDueJob } from '#domain/commissions/commission-due';
import { CommissionGenerator } from '#domain/commissions/commission-generator';
import { CommissionPayouts } from '#domain/commissions/commission-payouts';
import { CommissionProjection } from '#domain/commissions/commission-projection';
import { CommissionReports } from '#domain/commissions/commission-reports';
import { CommissionRuleService } from '#domain/commissions/commission-rule-service';
import { CommissionService } from '#domain/commissions/commission-service';
import type { CommissionsServices } from '#domain/commissions/commissions-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoCommissionStore } from '#table/commissions/commission-store';
import { DynamoCommissionLedger } from '#table/commissions/ledger-store';
import { PriceListMargins } from '#table/commissions/price-margins';
import { DynamoCommissionRuleStore } from '#table/commissions/rule-store';
import { DynamoContractStore } from '#table/contracts/contract-store';
import { DynamoPriceStore } from '#table/energy/price-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/**
 * Wires the commissions module to the table: its stores, the price lists'
 * margins and the contracts it reads when a gap is retried.
 */
export function commissionsServices(
  env: Pick<Environment, 'table'>,
  overrides: Partial<ServiceDeps> = {},
): CommissionsServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const store = new DynamoCommissionStore(table);
  const rules = new DynamoCommissionRuleStore(table);
  const margins = new PriceListMargins(new DynamoPriceStore(table));
  const generator = new CommissionGenerator({ ...deps, commissions: store, rules, margins });
  const commissions = new CommissionService({
    ...deps,
    commissions: store,
    generator,
    contracts: new DynamoContractStore(table),
  });
  return {
    commissions,
    rules: new CommissionRuleService({ ...deps, rules, margins }),
    payouts: new CommissionPayouts({ ...deps, commissions: store, service: commissions }),
    reports: new CommissionReports({ ledger: new DynamoCommissionLedger(table), tenants: deps.tenants }),
    generator,
    dueJob: new CommissionDueJob({ ...deps, commissions: store, service: commissions }),
  };
}

/** The statements' projection: what the `commission-reports` consumer runs. */
export const commissionProjection = (env: Pick<Environment, 'table'>) =>
  new CommissionProjection(new DynamoCommissionLedger(env.table));
