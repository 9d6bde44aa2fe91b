import { LeadPipeline } from '#domain/sales/leads/lead-pipeline';
import type { LeadPipelineServices } from '#domain/sales/sales-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoLeadStore } from '#table/sales/lead-store';
import { DynamoRoundRobinStore } from '#table/sales/round-robin-store';
import { DynamoSettingReads } from '#table/settings/setting-reads';
import { DynamoUserLookup } from '#table/users/users-lookup';
import { activitiesServices } from './activities-services';
import type { Environment } from './environment';
import { salesSettingsService } from './sales-services';
import { serviceDeps } from './service-deps';

/** Wires the lead pipeline: scoring, routing and the follow-ups it schedules as activities. */
export function leadPipelineServices(
  env: Pick<Environment, 'table' | 'scheduler'>,
  overrides: Partial<ServiceDeps> = {},
): LeadPipelineServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const users = new DynamoUserLookup(table);
  return {
    pipeline: new LeadPipeline({
      ...deps,
      leads: new DynamoLeadStore(table),
      rules: salesSettingsService(table, deps, users),
      turns: new DynamoRoundRobinStore(table),
      settings: new DynamoSettingReads(table),
      users,
      activities: activitiesServices(env, { ...deps, users }).activities,
    }),
  };
}
