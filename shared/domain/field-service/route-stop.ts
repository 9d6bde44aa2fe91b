import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { Appointment } from './appointment';
import type { WorkOrder } from './work-order';

/**
 * One visit of a technician's day as a phone shows it: only what the visit
 * needs (a slow network pays for every byte), coordinates as decimal strings.
 */
export interface RouteStop {
  readonly appointmentId: string;
  readonly workOrderId: string;
  readonly status: Appointment['status'];
  readonly start: string;
  readonly end: string;
  readonly arrival: Appointment['arrival'];
  readonly work: {
    readonly type: string;
    readonly title: string;
    readonly description: string;
    readonly priority: string;
  };
  readonly customer?: { readonly name: string; readonly contact?: string; readonly phone?: string };
  readonly address?: { readonly label: string; readonly latitude?: string; readonly longitude?: string };
  readonly meter?: {
    readonly supplyPointId: string;
    readonly identifier: string;
    readonly commodity: string;
    readonly number?: string;
    readonly tariff?: string;
  };
}

export function routeStopOf(parts: {
  readonly appointment: Appointment;
  readonly workOrder: WorkOrder;
  readonly supplyPoint?: SupplyPoint;
  readonly account?: Account;
  readonly contact?: Contact;
}): RouteStop {
  const { appointment: a, workOrder: wo, supplyPoint: sp, account, contact } = parts;
  const contactName = contact ? `${contact.firstName} ${contact.lastName}`.trim() : undefined;
  const name = account?.name ?? contactName;
  const verified = sp?.addressVerification.status === 'verified' ? sp.addressVerification.address : undefined;
  const street = sp && [sp.address.street, sp.address.houseNumber].filter(Boolean).join(' ');
  return {
    appointmentId: a.id,
    workOrderId: wo.id,
    status: a.status,
    start: a.start,
    end: a.end,
    arrival: a.arrival,
    work: { type: wo.type, title: wo.title, description: wo.description, priority: wo.priority },
    ...(name
      ? {
          customer: {
            name,
            ...(contactName && contactName !== name ? { contact: contactName } : {}),
            ...(contact?.phones[0] ? { phone: contact.phones[0] } : {}),
          },
        }
      : {}),
    ...(sp
      ? {
          address: {
            label: verified?.label ?? `${street}, ${sp.address.postcode} ${sp.address.city}`,
            ...(verified ? { latitude: verified.latitude, longitude: verified.longitude } : {}),
          },
          meter: {
            supplyPointId: sp.id,
            identifier: sp.identifier,
            commodity: sp.commodity,
            ...(sp.meter.number ? { number: sp.meter.number } : {}),
            ...(sp.meter.tariff ? { tariff: sp.meter.tariff } : {}),
          },
        }
      : {}),
  };
}
