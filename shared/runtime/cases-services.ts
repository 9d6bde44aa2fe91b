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
import type { Table } from '#table/core/table';
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

/** What every part of customer service shares: the deps, the cases, the teams and the tenant's service settings. */
function caseBasics(table: Table, overrides: Partial<ServiceDeps>) {
  const deps = serviceDeps(table, overrides);
  const teams = new DynamoTeamDirectory(table);
  const settings = new ServiceSettingsService({
    ...deps,
    store: new DynamoServiceSettingsStore(table),
    references: teams,
  });
  return { deps, cases: new DynamoCaseStore(table), teams, settings };
}

/** What opening a case takes: the basics, the parties, the entitlements and the timers. */
function caseOpening(
  basics: ReturnType<typeof caseBasics>,
  table: Table,
  caseTimers: Environment['caseTimers'],
) {
  const { deps, cases, settings, teams } = basics;
  return {
    ...deps,
    cases,
    settings,
    parties: new DynamoCaseParties(table),
    entitlements: new DynamoEntitlementStore(table),
    teams,
    timers: caseTimers,
  };
}

/** Cases opened from the channels: mail, web forms and social messages. */
function caseIntakeOf(
  env: CasesEnvironment,
  opening: ReturnType<typeof caseOpening>,
  rejected: DynamoRejectedMailStore,
): CaseIntake {
  const { table } = env;
  return new CaseIntake({
    ...opening,
    routes: new DynamoChannelRoutes(table),
    rejected,
    parser: env.mailParser ?? missingPart<NonNullable<CasesEnvironment['mailParser']>>('mail parser'),
    formAdmission: {
      admit: (tenantId, formKey) =>
        new TenantRateLimiter({
          buckets: new DynamoRateBucketStore(table),
          clock: opening.clock,
          limit: webFormLimit,
        }).admit(`${tenantId}#FORM#${formKey}`),
    },
    objects: objectsOf(env),
  });
}

const objectsOf = (env: CasesEnvironment) =>
  env.objects ?? missingPart<NonNullable<CasesEnvironment['objects']>>('files bucket access');
const mailerOf = (env: CasesEnvironment) =>
  env.mailer ?? missingPart<NonNullable<CasesEnvironment['mailer']>>('SES access');

/**
 * The intake alone, for the functions that only open cases from a channel
 * (service-channels, inbound-mail): their bundles stay without the case
 * service, the entitlements' rules and the escalation.
 */
export function caseIntake(env: CasesEnvironment, overrides: Partial<ServiceDeps> = {}): CaseIntake {
  const basics = caseBasics(env.table, overrides);
  return caseIntakeOf(
    env,
    caseOpening(basics, env.table, env.caseTimers),
    new DynamoRejectedMailStore(env.table),
  );
}

/** The escalation alone, for the case timers' function. */
export function caseEscalation(env: CasesEnvironment, overrides: Partial<ServiceDeps> = {}): CaseEscalation {
  const { deps, cases, settings, teams } = caseBasics(env.table, overrides);
  return new CaseEscalation({
    ...deps,
    cases,
    settings,
    teams,
    timers: env.caseTimers,
    mailer: mailerOf(env),
  });
}

/** Wires customer service to the table, the files bucket, SES, the case timers' scheduler and the mail parser. */
export function casesServices(env: CasesEnvironment, overrides: Partial<ServiceDeps> = {}): CasesServices {
  const { table, caseTimers } = env;
  const objects = objectsOf(env);
  const mailer = mailerOf(env);
  const basics = caseBasics(table, overrides);
  const { deps, cases, settings, teams } = basics;
  const opening = caseOpening(basics, table, caseTimers);
  const accounts = new DynamoAccountStore(table);
  const contracts = new DynamoContractStore(table);
  const rejectedMail = new DynamoRejectedMailStore(table);
  const caseService = new CaseService({ ...opening, mailer, history: new DynamoHistoryStore(table) });
  return {
    cases: caseService,
    settings,
    entitlements: new EntitlementService({
      ...deps,
      entitlements: opening.entitlements,
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
    intake: caseIntakeOf(env, opening, rejectedMail),
    escalation: new CaseEscalation({ ...deps, cases, settings, teams, timers: caseTimers, mailer }),
    rejectedMail,
    files: new CaseFiles({ cases: caseService, objects }),
  };
}
