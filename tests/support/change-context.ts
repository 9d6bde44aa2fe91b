import type { ChangeContext } from '#domain/stamps';
import type { TenantProfile } from '#domain/tenant';

const nordelEnergi: TenantProfile = {
  id: 'tenant-se',
  name: 'Nordel Energi',
  country: 'SE',
  currency: 'SEK',
  timeZone: 'Europe/Stockholm',
};

/** A change made in the Swedish test tenant by `userId` at `now`. */
export const swedishChange = (now = '2025-03-01T10:00:00.000Z', userId = 'user-1'): ChangeContext => ({
  tenant: nordelEnergi,
  userId,
  now: new Date(now),
});
