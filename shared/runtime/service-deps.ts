import { monotonicFactory } from 'ulid';
import type { ServiceDeps } from '#domain/service-context';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';

/** What every domain service gets in a function: tenant profiles from the table, the wall clock, ULIDs. */
export function serviceDeps(table: Table, overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  const ulid = monotonicFactory();
  return {
    tenants: new DynamoTenantDirectory(table),
    clock: { now: () => new Date() },
    ids: { next: () => ulid() },
    ...overrides,
  };
}
