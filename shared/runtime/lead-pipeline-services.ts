import type { ActivityScheduler } from '#domain/activities/scheduler';
import { LeadPipeline } from '#domain/sales/leads/lead-pipeline';
import type { ServiceDeps } from '#domain/service-context';
import type { Table } from '#table/core/table';
import { DynamoLeadStore } from '#table/sales/lead-store';
import { DynamoRoundRobinStore } from '#table/sales/round-robin-store';
import { DynamoSettingsStore } from '#table/settings/settings-store';
import { DynamoUserLookup } from '#table/users/users-lookup';
import { activitiesServices } from './activities-services';
import { salesSettingsService } from './sales-services';
import { serviceDeps } from './service-deps';

/** Wires the lead pipeline: scoring, routing and the follow-ups it schedules as activities. */
export function leadPipeline(
  table: Table,
  scheduler: ActivityScheduler,
  overrides: Partial<ServiceDeps> = {},
): LeadPipeline {
  const deps = serviceDeps(table, overrides);
  const users = new DynamoUserLookup(table);
  return new LeadPipeline({
    ...deps,
    leads: new DynamoLeadStore(table),
    rules: salesSettingsService(table, deps),
    turns: new DynamoRoundRobinStore(table),
    settings: new DynamoSettingsStore(table),
    users,
    activities: activitiesServices(table, { scheduler, users, deps }).activities,
  });
}
