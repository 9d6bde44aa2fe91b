import { BookingService } from '#domain/field-service/booking-service';
import type { FieldParties } from '#domain/field-service/field-parties';
import type { FieldServiceServices } from '#domain/field-service/field-service-services';
import { FieldWork, type WorkOrderFiles } from '#domain/field-service/field-work';
import { MeterExchanges } from '#domain/field-service/meter-exchange';
import { TechnicianService } from '#domain/field-service/technician-service';
import { WorkOrderService } from '#domain/field-service/work-order-service';
import { caseVisibleTo } from '#domain/service/case-access';
import { ServiceSettingsService } from '#domain/service/service-settings-service';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoAttachmentStore } from '#table/attachments/attachments-store';
import { DynamoHistoryStore } from '#table/core/history-store';
import type { Table } from '#table/core/table';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import { DynamoTechnicianStore } from '#table/field-service/technician-store';
import { DynamoWorkOrderStore } from '#table/field-service/work-order-store';
import { DynamoTeamDirectory } from '#table/service/case-parties';
import { DynamoCaseStore } from '#table/service/case-store';
import { DynamoServiceSettingsStore } from '#table/service/service-settings-store';
import { DynamoUserStore } from '#table/users/users-store';
import type { Environment } from './environment';
import { readingService } from './journey-services';
import { serviceDeps } from './service-deps';
import { supplyPointService } from './supply-point-wiring';

/** The other modules' records field service reads, each as its own module's rules let it. */
function fieldParties(table: Table, deps: ServiceDeps): FieldParties {
  const cases = new DynamoCaseStore(table);
  const teams = new DynamoTeamDirectory(table);
  const supplyPoints = new DynamoSupplyPointStore(table);
  const accounts = new DynamoAccountStore(table);
  const contacts = new DynamoContactStore(table);
  const users = new DynamoUserStore(table);
  const settings = new ServiceSettingsService({
    ...deps,
    store: new DynamoServiceSettingsStore(table),
    references: teams,
  });
  const live = <T extends { deletedAt?: string }>(found: T | undefined) =>
    found && found.deletedAt === undefined ? found : undefined;
  return {
    async visibleCase(actor, caseId) {
      const found = await cases.get(actor.tenantId, caseId);
      if (!found) return undefined;
      const teamIds = await teams.teamsOf(actor.tenantId, actor.userId);
      return caseVisibleTo({ ...actor, teamIds }, found) ? found : undefined;
    },
    supplyPoint: async (tenantId, id) => live(await supplyPoints.get(tenantId, id)),
    account: async (tenantId, id) => live(await accounts.get(tenantId, id)),
    contact: async (tenantId, id) => live(await contacts.get(tenantId, id)),
    async user(tenantId, userId) {
      const user = await users.get(tenantId, userId);
      return user?.active ? { name: user.name, roles: user.roles } : undefined;
    },
    settings: (tenantId) => settings.ofTenant(tenantId),
    async technicianIds(tenantId) {
      const ids = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await users.list(tenantId, {}, { limit: 100, ...(cursor ? { cursor } : {}) });
        for (const u of page.items) if (u.active && u.roles.includes('technician')) ids.add(u.id);
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    },
  };
}

/** A work order's stored files, for a visit report's photos and signature. */
function workOrderFiles(table: Table): WorkOrderFiles {
  const attachments = new DynamoAttachmentStore(table);
  return {
    async stored(tenantId, workOrderId, ids) {
      const found = await Promise.all(
        ids.map((id) => attachments.get(tenantId, { type: 'workOrder', id: workOrderId }, id)),
      );
      return new Set(found.flatMap((a) => (a?.state === 'stored' ? [a.id] : [])));
    },
  };
}

/** Wires field service to the table: its own items, and the cases, customers, meters and files it reads. */
export function fieldServiceServices(
  env: Pick<Environment, 'table'>,
  overrides: Partial<ServiceDeps> = {},
): FieldServiceServices {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  const parties = fieldParties(table, deps);
  const workOrders = new DynamoWorkOrderStore(table);
  const technicians = new DynamoTechnicianStore(table);
  const orders = new WorkOrderService({
    ...deps,
    workOrders,
    parties,
    history: new DynamoHistoryStore(table),
  });
  const supplyPoints = supplyPointService(table, deps);
  const readings = readingService(table, deps, supplyPoints);
  return {
    workOrders: orders,
    booking: new BookingService({ ...deps, workOrders, technicians, parties, orders }),
    work: new FieldWork({
      ...deps,
      workOrders,
      technicians,
      parties,
      files: workOrderFiles(table),
      meters: new MeterExchanges({ readings, supplyPoints }),
    }),
    technicians: new TechnicianService({ ...deps, technicians, parties }),
  };
}
