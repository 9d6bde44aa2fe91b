import { LeadSourceService } from '#domain/sales/leads/lead-source-service';
import type { LeadSourceServices } from '#domain/sales/sales-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoLeadSourceStore } from '#table/sales/lead-source-store';
import type { Environment } from './environment';
import { leadService } from './sales-services';
import { serviceDeps } from './service-deps';

/** Wires lead sources and their webhook: the source items, the environment's secrets and the leads they create. */
export function leadSourceServices(
  env: Pick<Environment, 'table' | 'webhookSecrets'>,
  overrides: Partial<ServiceDeps> = {},
): LeadSourceServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  return {
    sources: new LeadSourceService({
      ...deps,
      secrets: env.webhookSecrets,
      leads: leadService(table, deps),
      sources: new DynamoLeadSourceStore(table),
    }),
  };
}
