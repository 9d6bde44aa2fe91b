import type { Caller } from '#domain/caller';
import type { ObjectStore } from '#domain/storage/object-store';
import { exportService } from '#runtime/exports-services';
import type { Table } from '#table/core/table';
import type { DemoTenant } from './seed';

/** The Slovak demo tenant's data-sentence specs: copies of the ZSDIS and SPP-distribúcia starting points. */
export async function seedDemoExportSpecs(
  table: Table,
  objects: ObjectStore,
  tenants: readonly DemoTenant[],
): Promise<void> {
  const exports = exportService({ table, objects });
  for (const tenant of tenants.filter((t) => t.profile.country === 'SK')) {
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    if (!admin) continue;
    const caller: Caller = { tenantId: tenant.profile.id, userId: admin.sub, roles: ['admin'] };
    if ((await exports.specs(caller)).length > 0) continue;
    for (const preset of ['ZSDIS', 'SPPD']) await exports.createSpec(caller, { copyOfPreset: preset });
  }
}
