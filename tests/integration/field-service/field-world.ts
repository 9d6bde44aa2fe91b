import type { SalesActor } from '#domain/sales/sales-ports';
import type { TenantProfile } from '#domain/tenant';
import { fieldServiceServices } from '#runtime/field-service-services';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import type { DemoTenant } from '../../../lib/local/seed';
import { seedDemoTechnicians } from '../../../lib/local/seed-field-service';
import { seedDemoUsers } from '../../../lib/local/seed-users';
import { freshTable, swedishTenant } from '../../support/local-table';

/**
 * Field service over a fresh table: a tenant with an admin and two
 * technicians set up as the demo sets them (the first does meter work, both
 * electrical jobs; office hours; no territories, so jobs without a supply
 * point fit them), and the country's default service settings.
 */
export async function fieldWorld(profile: TenantProfile = swedishTenant()) {
  const table = await freshTable();
  await new DynamoTenantDirectory(table).save(profile);
  const id = profile.id;
  const user = (name: string, role: 'admin' | 'technician') => ({
    sub: `${id}-${name}`,
    tenantId: id,
    email: `${name}@${id}.example`,
    groups: [role],
  });
  const tenant: DemoTenant = {
    profile,
    users: [user('admin', 'admin'), user('tech1', 'technician'), user('tech2', 'technician')],
  };
  await seedDemoUsers(table, [tenant]);
  await seedDemoTechnicians(table, [tenant]);
  const admin: SalesActor = { tenantId: id, userId: `${id}-admin`, roles: ['admin'] };
  const technician = (n: 1 | 2): SalesActor => ({
    tenantId: id,
    userId: `${id}-tech${n}`,
    roles: ['technician'],
  });
  return { table, tenantId: id, admin, technician, services: fieldServiceServices({ table }) };
}
