import type { CaseEscalation } from './case-escalation';
import type { CaseFiles } from './case-files';
import type { CaseIntake } from './case-intake';
import type { CaseService } from './case-service';
import type { RejectedMailStore } from './channel-routes';
import type { EntitlementService } from './entitlement-service';
import type { ServiceSettingsService } from './service-settings-service';

/** What the customer-service module offers: cases, their channels and clocks, and the set-up they follow. */
export interface CasesServices {
  readonly cases: CaseService;
  readonly settings: ServiceSettingsService;
  readonly entitlements: EntitlementService;
  readonly intake: CaseIntake;
  readonly escalation: CaseEscalation;
  readonly rejectedMail: Pick<RejectedMailStore, 'list'>;
  readonly files: CaseFiles;
}
