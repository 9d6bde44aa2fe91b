import type { CommissionDueJob } from './commission-due';
import type { CommissionGenerator } from './commission-generator';
import type { CommissionPayouts } from './commission-payouts';
import type { CommissionReports } from './commission-reports';
import type { CommissionRuleService } from './commission-rule-service';
import type { CommissionService } from './commission-service';

/** The commissions module's services, as the composition root wires them. */
export interface CommissionsServices {
  readonly commissions: CommissionService;
  readonly rules: CommissionRuleService;
  readonly payouts: CommissionPayouts;
  readonly reports: CommissionReports;
  readonly generator: CommissionGenerator;
  readonly dueJob: CommissionDueJob;
}
