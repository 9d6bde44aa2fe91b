import { PostalMimeParser } from '#adapters/mail/postal-mime-parser';
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
import { serviceDeps } from './service-deps';

/** The files bucket and SES only where the function has them: a timer sends mail but stores no files. */
export type CasesEnvironment = Pick<Environment, 'table' | 'caseTimers'> &
  Partial<Pick<Environment, 'objects' | 'mailer'>>;

/**
 * A part a function was given no access to: any call says so at once
 * (a wiring fault), instead of failing later on a missing permission.
 */
function withoutAccess<T extends object>(part: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => {
      throw new Error(`this function has no ${part} access (${String(method)})`);
    },
  });
}

/** Each web form of a tenant: up to 10 submissions at once, refilled at one a second (the route's stage throttle is shared). */
const webFormLimit = { perSecond: 1, burst: 10 };

/** Wires customer service to the table, the files bucket, SES and the case timers' scheduler. */
export function casesServices(env: CasesEnvironment, overrides: Partial<ServiceDeps> = {}): CasesServices {
  const { table, caseTimers } = env;
  const objects = env.objects ?? withoutAccess<NonNullable<CasesEnvironment['objects']>>('files bucket');
  const mailer = env.mailer ?? withoutAccess<NonNullable<CasesEnvironment['mailer']>>('SES');
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
      parser: new PostalMimeParser(),
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
