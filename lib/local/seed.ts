import type { TenantProfile } from '../../shared/domain/tenant';
import type { Role } from '../../shared/http/auth';
import type { AccountsServices } from '../../shared/runtime/accounts-services';
import type { LocalUser } from './identity';

export interface DemoTenant {
  readonly profile: TenantProfile;
  readonly users: readonly LocalUser[];
}

const user = (tenantId: string, name: string, groups: Role[]): LocalUser => ({
  sub: `${tenantId}-${name}`,
  tenantId,
  email: `${name}@${tenantId}.example`,
  groups,
});

/** Two demo utilities: a Swedish one and a Slovak one, each with a user per role. */
export const demoTenants: readonly DemoTenant[] = [
  {
    profile: {
      id: 'norrsken',
      name: 'Norrsken Energi AB',
      country: 'SE',
      currency: 'SEK',
      timeZone: 'Europe/Stockholm',
    },
    users: [
      user('norrsken', 'admin', ['admin']),
      user('norrsken', 'sales', ['sales']),
      user('norrsken', 'service', ['service']),
      user('norrsken', 'viewer', ['viewer']),
    ],
  },
  {
    profile: {
      id: 'tatra',
      name: 'Tatra Energia s.r.o.',
      country: 'SK',
      currency: 'EUR',
      timeZone: 'Europe/Bratislava',
    },
    users: [
      user('tatra', 'admin', ['admin']),
      user('tatra', 'sales', ['sales']),
      user('tatra', 'service', ['service']),
      user('tatra', 'viewer', ['viewer']),
    ],
  },
];

/**
 * Realistic demo data, written through the domain services so it obeys every
 * rule (valid org numbers, E.164 phones, guards, outbox events).
 */
export async function seedDemoData(services: AccountsServices): Promise<void> {
  for (const tenant of demoTenants) await services.tenants.save(tenant.profile);
  await seedSweden(services, { tenantId: 'norrsken', userId: 'norrsken-admin' });
  await seedSlovakia(services, { tenantId: 'tatra', userId: 'tatra-admin' });
}

type Actor = { tenantId: string; userId: string };

async function seedSweden(s: AccountsServices, actor: Actor) {
  const bakery = await s.accounts.create(actor, {
    name: 'Bageri Solrosen AB',
    orgNumber: '556677-8899',
    customerType: 'B2B',
    phones: ['08-712 34 50'],
    email: 'info@solrosen.example',
    addresses: [
      { kind: 'visiting', street: 'Storgatan 12', postcode: '114 51', city: 'Stockholm', country: 'SE' },
    ],
  });
  await s.contacts.create(actor, {
    firstName: 'Karin',
    lastName: 'Lindqvist',
    email: 'karin@solrosen.example',
    phones: ['070-812 44 19'],
    accountId: bakery.value.id,
    isSigningPerson: true,
    externalCustomerId: 'NE-100231',
  });
  const household = await s.accounts.create(actor, {
    name: 'Familjen Ödegård',
    customerType: 'B2C',
    addresses: [
      { kind: 'delivery', street: 'Björkvägen 3', postcode: '903 31', city: 'Umeå', country: 'SE' },
    ],
  });
  await s.contacts.create(actor, {
    firstName: 'Johan',
    lastName: 'Ödegård',
    email: 'johan.odegard@example.se',
    phones: ['073-555 01 22'],
    accountId: household.value.id,
    externalCustomerId: 'NE-100877',
    newsletterConsent: true,
  });
  await s.subjects.addNote(
    actor,
    { type: 'account', id: bakery.value.id },
    'Wants a fixed-price offer before the winter.',
  );
}

async function seedSlovakia(s: AccountsServices, actor: Actor) {
  const school = await s.accounts.create(actor, {
    name: 'Základná škola Hviezdoslavova',
    orgNumber: '00318655',
    customerType: 'B2B',
    phones: ['02/5443 1122'],
    addresses: [
      { kind: 'visiting', street: 'Hviezdoslavova 9', postcode: '811 02', city: 'Bratislava', country: 'SK' },
    ],
  });
  await s.contacts.create(actor, {
    firstName: 'Mária',
    lastName: 'Kováčová',
    email: 'riaditelka@zs-hviezdoslavova.example',
    phones: ['0905 123 456'],
    accountId: school.value.id,
    isSigningPerson: true,
    externalCustomerId: 'TE-2024-0007',
    preferredChannel: 'paper',
  });
  const bakery = await s.accounts.create(actor, {
    name: 'Pekáreň u Jána s.r.o.',
    orgNumber: '35763469',
    customerType: 'B2B',
    email: 'objednavky@pekaren-jan.example',
    addresses: [{ kind: 'visiting', street: 'Hlavná 41', postcode: '040 01', city: 'Košice', country: 'SK' }],
  });
  await s.contacts.create(actor, {
    firstName: 'Ján',
    lastName: 'Horváth',
    phones: ['0917 654 321'],
    accountId: bakery.value.id,
    externalCustomerId: 'TE-2024-0042',
  });
}
