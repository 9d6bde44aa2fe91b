import type { CommissionDueJob } from './commission-due';
import type { CommissionGenerator } from './commission-generator';
import type { CommissionPayouts } from './commission-payouts';
import type { CommissionReports } from './commission-reports';
import type { CommissionRuleService } from './commission-rule-service';
import type { CommissionService } from './commission-service';
import type { CommissionStore } from './commission-stores';

/** The commissions module's services, as the composition root wires them. */
export interface CommissionsServices {
  readonly commissions: CommissionService;
  readonly rules: CommissionRuleService;
  readonly payouts: CommissionPayouts;
  readonly reports: CommissionReports;
  readonly generator: CommissionGenerator;
  readonly dueJob: CommissionDueJob;
  /** What the payroll export reads beside the payouts: participants' clawed-back debts. */
  readonly store: Pick<CommissionStore, 'debts'>;
}
