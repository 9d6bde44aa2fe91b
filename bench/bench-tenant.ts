import { randomUUID } from 'node:crypto';
import type { TenantProfile } from '#domain/tenant';

/** A Swedish tenant of its own for one bench run, with a sender address for what it mails. */
export function benchTenant(): TenantProfile {
  return {
    id: `bench-${randomUUID()}`,
    name: 'Norrsken Energi AB',
    country: 'SE',
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
    emailSender: { name: 'Norrsken Energi', address: 'info@norrsken.example' },
  };
}
