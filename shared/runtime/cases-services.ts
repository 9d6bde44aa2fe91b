import { TenantRateLimiter } from '#domain/rate-limits/tenant-rate-limiter';
import { CaseEscalation } from '#domain/service/case-escalation';
import { CaseFiles } from '#domain/service/case-files';
import { CaseIntake } from '#domain/service/case-intake';
import { CaseService } from '#domain/service/case-service';
import type { CasesServices } from '#domain/service/cases-services';
import { EntitlementService } from '#domain/service/entitlement-service';
import { ServiceSettingsService } from '#domain/service/service-settings-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContractStore } from '#table/contracts/contract-store';
import { DynamoHistoryStore } from '#table/core/history-store';
import { DynamoRateBucketStore } from '#table/rate-limits/rate-bucket-store';
import { DynamoCaseParties, DynamoTeamDirectory } from '#table/service/case-parties';
import { DynamoCaseStore } from '#table/service/case-store';
import { DynamoEntitlementStore } from '#table/service/entitlement-store';
import { DynamoRejectedMailStore } from '#table/service/rejected-mail-store';
import { DynamoChannelRoutes, DynamoServiceSettingsStore } from '#table/service/service-settings-store';
import type { Environment } from './environment';
import { missingPart } from './missing-part';
import { serviceDeps } from './service-deps';

/**
 * The files bucket, SES and the mail parser only where the function has
 * them: a timer sends mail but stores no files, and only the inbound-mail
 * function reads raw mail (the parser's library stays out of the others).
 */
export type CasesEnvironment = Pick<Environment, 'table' | 'caseTimers'> &
  Partial<Pick<Environment, 'objects' | 'mailer' | 'mailParser'>>;

/** Each web form of a tenant: up to 10 submissions at once, refilled at one a second (the route's stage throttle is shared). */
const webFormLimit = { perSecond: 1, burst: 10 };

/** Wires customer service to the table, the files bucket, SES, the case timers' scheduler and the mail parser. */
export function casesServices(env: CasesEnvironment, overrides: Partial<ServiceDeps> = {}): CasesServices {
  const { table, caseTimers } = env;
  const objects = env.objects ?? missingPart<NonNullable<CasesEnvironment['objects']>>('files bucket access');
  const mailer = env.mailer ?? missingPart<NonNullable<CasesEnvironment['mailer']>>('SES access');
  const parser = env.mailParser ?? missingPart<NonNullable<CasesEnvironment['mailParser']>>('mail parser');
  const deps = serviceDeps(table, overrides);
  const cases = new DynamoCaseStore(table);
  const teams = new DynamoTeamDirectory(table);
  const settings = new ServiceSettingsService({
    ...deps,
    store: new DynamoServiceSettingsStore(table),
    references: teams,
  });
  const entitlementStore = new DynamoEntitlementStore(table);
  const accounts = new DynamoAccountStore(table);
  const contracts = new DynamoContractStore(table);
  const rejectedMail = new DynamoRejectedMailStore(table);
  const opening = {
    ...deps,
    cases,
    settings,
    parties: new DynamoCaseParties(table),
    entitlements: entitlementStore,
    teams,
    timers: caseTimers,
  };
  const caseService = new CaseService({ ...opening, mailer, history: new DynamoHistoryStore(table) });
  return {
    cases: caseService,
    settings,
    entitlements: new EntitlementService({
      ...deps,
      entitlements: entitlementStore,
      settings,
      accounts: {
        exists: async (tenantId, accountId) => {
          const account = await accounts.get(tenantId, accountId);
          return account !== undefined && account.deletedAt === undefined;
        },
      },
      contracts: {
        accountOf: async (tenantId, contractId) => (await contracts.get(tenantId, contractId))?.accountId,
      },
    }),
    intake: new CaseIntake({
      ...opening,
      routes: new DynamoChannelRoutes(table),
      rejected: rejectedMail,
      parser,
      formAdmission: {
        admit: (tenantId, formKey) =>
          new TenantRateLimiter({
            buckets: new DynamoRateBucketStore(table),
            clock: deps.clock,
            limit: webFormLimit,
          }).admit(`${tenantId}#FORM#${formKey}`),
      },
      objects,
    }),
    escalation: new CaseEscalation({ ...deps, cases, settings, teams, timers: caseTimers, mailer }),
    rejectedMail,
    files: new CaseFiles({ cases: caseService, objects }),
  };
}
