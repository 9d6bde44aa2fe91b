import { monotonicFactory } from 'ulid';
import { LocalUserDirectory } from '#adapters/users/local-user-directory';
import type { SalesActor } from '#domain/sales/sales-ports';
import type { ServiceDeps } from '#domain/service-context';
import { accountsServices } from '#runtime/accounts-services';
import { salesServices } from '#runtime/sales-services';
import { settingsServices } from '#runtime/settings-services';
import { usersServices } from '#runtime/users-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { freshTable, swedishTenant } from './local-table';

/**
 * A tenant ready for sales: an admin and two sales users, deal stages
 * (open, won, lost), a loss reason and a sales group with both sellers.
 */
export async function salesFixture(overrides: Partial<ServiceDeps> = {}, existing?: Table) {
  const table = existing ?? (await freshTable());
  const tenant = swedishTenant();
  await new DynamoTenantDirectory(table).save(tenant);
  const ulid = monotonicFactory();
  const { users } = usersServices({ table, directory: new LocalUserDirectory({ next: () => ulid() }) });
  const bootstrap = { tenantId: tenant.id, userId: 'bootstrap' };
  const admin = await users.createFirstAdmin(bootstrap, {
    email: 'admin@test.example',
    name: 'Admin',
    roles: ['admin'],
  });
  const byAdmin = { tenantId: tenant.id, userId: admin.value.id };
  const anna = await users.create(byAdmin, { email: 'anna@test.example', name: 'Anna', roles: ['sales'] });
  const bo = await users.create(byAdmin, { email: 'bo@test.example', name: 'Bo', roles: ['sales'] });
  const viewer = await users.create(byAdmin, {
    email: 'viewer@test.example',
    name: 'V',
    roles: ['viewer'],
  });
  const actor = (id: string, roles: string[]): SalesActor => ({ tenantId: tenant.id, userId: id, roles });
  const adminActor = actor(admin.value.id, ['admin']);

  const { settings } = settingsServices({ table });
  const stage = async (title: string, probabilityBasisPoints: number, status: 'open' | 'won' | 'lost') =>
    (await settings.create(adminActor, 'deal-stage', { title, probabilityBasisPoints, status })).value.id;
  // A lost stage can only exist once there is a loss reason to give.
  const lossReason = (await settings.create(adminActor, 'loss-reason', { title: 'Price' })).value.id;
  const stages = {
    qualification: await stage('Qualification', 2000, 'open'),
    negotiation: await stage('Negotiation', 6000, 'open'),
    won: await stage('Won', 10_000, 'won'),
    lost: await stage('Lost', 0, 'lost'),
  };
  const region = (await settings.create(adminActor, 'user-group', { title: 'Sales', type: 'Sales' })).value;
  const team = (
    await settings.create(adminActor, 'user-group', {
      title: 'Team North',
      type: 'Sales',
      parentId: region.id,
      members: [anna.value.id, bo.value.id],
    })
  ).value;

  return {
    table,
    tenant,
    sales: salesServices({ table }, overrides),
    crm: accountsServices({ table }),
    users,
    settings,
    stages,
    lossReason,
    groups: { region: region.id, team: team.id },
    admin: adminActor,
    anna: actor(anna.value.id, ['sales']),
    bo: actor(bo.value.id, ['sales']),
    viewer: actor(viewer.value.id, ['viewer']),
  };
}
