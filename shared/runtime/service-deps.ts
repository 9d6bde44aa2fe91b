import { monotonicFactory } from 'ulid';
import type { ServiceDeps } from '#domain/service-context';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';

/**
 * What every domain service gets in a function: tenant profiles from the
 * table, the wall clock, ULIDs. A module's `overrides` may replace each
 * (a test's clock or ids); nothing else of them is taken.
 */
export function serviceDeps(table: Table, overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  const ulid = monotonicFactory();
  return {
    tenants: overrides.tenants ?? new DynamoTenantDirectory(table),
    clock: overrides.clock ?? { now: () => new Date() },
    ids: overrides.ids ?? { next: () => ulid() },
  };
}
