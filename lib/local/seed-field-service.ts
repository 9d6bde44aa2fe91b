import type { SalesActor } from '#domain/sales/sales-ports';
import { defaultCalendarId } from '#domain/service/default-service-settings';
import { type CasesEnvironment, casesServices } from '#runtime/cases-services';
import { energyServices } from '#runtime/energy-services';
import { fieldServiceServices } from '#runtime/field-service-services';
import type { Table } from '#table/core/table';
import type { DemoTenant } from './seed';

/** The distribution territories of each demo tenant's supply points, which its technicians cover. */
const territories: Readonly<Record<string, readonly string[]>> = {
  norrsken: ['ELLEVIO-STHLM', 'VATTENFALL-NORR'],
  tatra: ['ZSD', 'SPPD'],
};

/**
 * Each demo tenant's two technicians on office hours: the first does meter
 * work and electrical jobs everywhere, the second electrical jobs only.
 */
export async function seedDemoTechnicians(table: Table, tenants: readonly DemoTenant[]): Promise<void> {
  const { technicians } = fieldServiceServices({ table });
  for (const tenant of tenants) {
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    if (!admin) continue;
    const actor: SalesActor = { tenantId: tenant.profile.id, userId: admin.sub, roles: admin.groups };
    const crew = tenant.users.filter((u) => u.groups.includes('technician'));
    for (const [i, tech] of crew.entries()) {
      await technicians.put(actor, tech.sub, undefined, {
        skills: i === 0 ? ['metering', 'electrical'] : ['electrical'],
        territories: territories[tenant.profile.id] ?? [],
        calendarId: defaultCalendarId,
        absences: [],
      });
    }
  }
}

/**
 * A demo work order per tenant: the open billing call's customer gets a
 * meter exchange at their first supply point, booked in the first free slot.
 */
export async function seedDemoWorkOrders(
  env: CasesEnvironment,
  tenants: readonly DemoTenant[],
): Promise<void> {
  const field = fieldServiceServices(env);
  const cases = casesServices(env);
  const energy = energyServices(env);
  for (const tenant of tenants) {
    const agent = tenant.users.find((u) => u.groups.includes('service'));
    if (!agent) continue;
    const actor = await cases.cases.actor({
      tenantId: tenant.profile.id,
      userId: agent.sub,
      roles: agent.groups,
    });
    const open = await cases.cases.list(actor, {}, { limit: 25 });
    const call = open.items.find((c) => c.channel === 'phone' && c.accountId);
    if (!call?.accountId) continue;
    const [point] = (await energy.supplyPoints.ofAccount(actor, call.accountId, { limit: 1 })).items;
    if (!point) continue;
    // The demo's own booking mails nobody: the mailbox shows only what a person books.
    const { value: wo } = await field.workOrders.create(actor, {
      type: 'meter-exchange',
      caseId: call.id,
      supplyPointId: point.id,
      notify: 'none',
    });
    const [slot] = await field.booking.freeSlots(actor, wo.id, { limit: 1 });
    if (slot) await field.booking.book(actor, wo.id, { technicianId: slot.userId, start: slot.start });
  }
}
