import type { Actor, Clock, IdGenerator } from './ports';
import type { ChangeContext } from './stamps';
import type { TenantDirectory } from './tenant';

/** The bus `source` of each domain module's events. */
export const eventSources = {
  accounts: 'gridline.accounts',
  energy: 'gridline.energy',
  users: 'gridline.users',
  sales: 'gridline.sales',
  contracts: 'gridline.contracts',
  commissions: 'gridline.commissions',
  exports: 'gridline.exports',
  service: 'gridline.service',
  fieldService: 'gridline.field-service',
  newsletters: 'gridline.newsletters',
  campaigns: 'gridline.campaigns',
} as const;

export type EventSource = (typeof eventSources)[keyof typeof eventSources];

/** What every domain service needs: tenant profiles, time and new ids. */
export interface ServiceDeps {
  readonly tenants: TenantDirectory;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export async function changeContext(deps: ServiceDeps, actor: Actor): Promise<ChangeContext> {
  return { tenant: await deps.tenants.profile(actor.tenantId), userId: actor.userId, now: deps.clock.now() };
}
