import type { AccountsServices } from '#domain/accounts/accounts-services';
import type { EnergyServices } from '#domain/energy/energy-services';
import type { SettingsService } from '#domain/settings/settings-service';
import type { TenantProfile } from '#domain/tenant';
import type { Role } from '#domain/users/roles';
import { accountsServices } from '#runtime/accounts-services';
import { energyServices } from '#runtime/energy-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import type { LocalUser } from './identity';
import { seedDuplicateContacts } from './seed-duplicates';
import {
  slovakDemoBandTables,
  slovakDemoGrossCalorificValue,
  slovakDemoVolumeCoefficients,
  swedishDemoBandTables,
} from './seed-reference-tables';

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

/** The tenant's users with its country, as users created through the users API have it. */
const withCountry = (profile: TenantProfile, users: readonly LocalUser[]): DemoTenant => ({
  profile,
  users: users.map((u) => ({ ...u, tenantCountry: profile.country })),
});

/** Two demo utilities: a Swedish one and a Slovak one, each with a user per role. */
export const demoTenants: readonly DemoTenant[] = [
  withCountry(
    {
      id: 'norrsken',
      name: 'Norrsken Energi AB',
      country: 'SE',
      currency: 'SEK',
      timeZone: 'Europe/Stockholm',
      emailSender: { name: 'Norrsken Energi Kundtjänst', address: 'kundservice@norrsken.example' },
      smsSender: 'Norrsken',
    },
    [
      user('norrsken', 'admin', ['admin']),
      user('norrsken', 'sales', ['sales']),
      user('norrsken', 'sales2', ['sales']),
      user('norrsken', 'service', ['service']),
      user('norrsken', 'technician', ['technician']),
      user('norrsken', 'technician2', ['technician']),
      user('norrsken', 'viewer', ['viewer']),
    ],
  ),
  withCountry(
    {
      id: 'tatra',
      name: 'Tatra Energia s.r.o.',
      country: 'SK',
      currency: 'EUR',
      timeZone: 'Europe/Bratislava',
      emailSender: { name: 'Tatra Energia – zákaznícky servis', address: 'zakaznicky-servis@tatra.example' },
      smsSender: 'TatraEnerg',
    },
    [
      user('tatra', 'admin', ['admin']),
      user('tatra', 'sales', ['sales']),
      user('tatra', 'sales2', ['sales']),
      user('tatra', 'service', ['service']),
      user('tatra', 'technician', ['technician']),
      user('tatra', 'technician2', ['technician']),
      user('tatra', 'viewer', ['viewer']),
    ],
  ),
];

/**
 * Realistic demo data, written through the domain services so it obeys every
 * rule (valid org numbers, E.164 phones, guards, outbox events).
 */
export async function seedDemoData(table: Table): Promise<void> {
  const tenants = new DynamoTenantDirectory(table);
  for (const tenant of demoTenants) await tenants.save(tenant.profile);
  const services = accountsServices({ table });
  const energy = energyServices({ table });
  const { settings } = settingsServices({ table });
  const se = { tenantId: 'norrsken', userId: 'norrsken-admin' };
  const sk = { tenantId: 'tatra', userId: 'tatra-admin' };
  await seedSwedishReferenceData(energy, se);
  await seedSlovakReferenceData(energy, sk);
  const seKeywords = await seedKeywords(settings, se, ['Solceller', 'Laddbox', 'Fast pris']);
  const skKeywords = await seedKeywords(settings, sk, ['Fotovoltika', 'Tepelné čerpadlo', 'Fixná cena']);
  await seedSweden(services, energy, se, seKeywords);
  await seedDuplicateContacts(services, se);
  await seedSlovakia(services, energy, sk, skKeywords);
}

/** The tenant's keyword list (R-ST-5); contacts refer to a keyword by its id, looked up here by title. */
async function seedKeywords(
  settings: SettingsService,
  actor: Actor,
  titles: readonly string[],
): Promise<Keyword> {
  const ids = new Map<string, string>();
  for (const title of titles) ids.set(title, (await settings.create(actor, 'keyword', { title })).value.id);
  return (title) => {
    const id = ids.get(title);
    if (id === undefined) throw new Error(`the demo keyword list has no ${title}`);
    return id;
  };
}

/** A demo unit price with the supplier's margin in it, as a share of the price. */
const withMargin = (unitPricePerMwhMinor: number, share: number) => ({
  unitPricePerMwhMinor,
  marginPerMwhMinor: Math.round(unitPricePerMwhMinor * share),
});

async function seedSwedishReferenceData(e: EnergyServices, actor: Actor) {
  await e.referenceData.createTerritory(actor, {
    code: 'ELLEVIO-STHLM',
    name: 'Ellevio, Stockholm',
    country: 'SE',
    commodity: 'electricity',
  });
  await e.referenceData.createTerritory(actor, {
    code: 'VATTENFALL-NORR',
    name: 'Vattenfall Eldistribution, Norrland',
    country: 'SE',
    commodity: 'electricity',
  });
  for (const table of swedishDemoBandTables) await e.referenceData.saveBandTable(actor, table);
  const product = await e.pricing.createProduct(actor, {
    name: 'Norrsken Fast 12 mån',
    code: 'EL-FAST-12',
    commodity: 'electricity',
    currency: 'SEK',
  });
  const prices = ['ELLEVIO-STHLM', 'VATTENFALL-NORR'].flatMap((territoryCode) => [
    ...['LGH', 'SMAHUS', 'VILLA', 'ELVARME', 'STOR'].map((bandCode, i) => ({
      territoryCode,
      bandCode,
      ...withMargin(129_000 - i * 2_000, 0.1),
      monthlyFeeMinor: 3_900,
    })),
    ...['F1', 'F2', 'F3', 'F4'].map((bandCode, i) => ({
      territoryCode,
      bandCode,
      ...withMargin(124_000 - i * 3_000, 0.08),
      monthlyFeeMinor: 6_900,
    })),
  ]);
  await e.pricing.publishPriceList(actor, product.value.id, { validFrom: '2026-01-01', prices });
}

async function seedSlovakReferenceData(e: EnergyServices, actor: Actor) {
  await e.referenceData.createTerritory(actor, {
    code: 'ZSD',
    name: 'Západoslovenská distribučná',
    country: 'SK',
    commodity: 'electricity',
    exportFormatRef: 'zsd-datova-veta-v1',
  });
  await e.referenceData.createTerritory(actor, {
    code: 'SPPD',
    name: 'SPP - distribúcia',
    country: 'SK',
    commodity: 'gas',
    exportFormatRef: 'sppd-datova-veta-v1',
  });
  for (const table of slovakDemoBandTables) await e.referenceData.saveBandTable(actor, table);
  await e.referenceData.saveGasConversion(actor, {
    grossCalorificValue: slovakDemoGrossCalorificValue,
    coefficients: slovakDemoVolumeCoefficients,
  });
  const electricity = await e.pricing.createProduct(actor, {
    name: 'Tatra Elektrina Fix 2027',
    code: 'EL-FIX-27',
    commodity: 'electricity',
    currency: 'EUR',
  });
  await e.pricing.publishPriceList(actor, electricity.value.id, {
    validFrom: '2026-01-01',
    prices: ['P1', 'P2', 'P3', 'P4', 'E1', 'E2', 'E3', 'E4', 'E5'].map((bandCode, i) => ({
      territoryCode: 'ZSD',
      bandCode,
      ...withMargin(15_900 - i * 150, bandCode.startsWith('P') ? 0.09 : 0.12),
      monthlyFeeMinor: bandCode.startsWith('P') ? 1_290 : 390,
    })),
  });
  const gas = await e.pricing.createProduct(actor, {
    name: 'Tatra Plyn Fix 2027',
    code: 'GAS-FIX-27',
    commodity: 'gas',
    currency: 'EUR',
  });
  await e.pricing.publishPriceList(actor, gas.value.id, {
    validFrom: '2026-01-01',
    prices: [
      'M1',
      'M2',
      'M3',
      'M4',
      'M5',
      'M6',
      'M7',
      'M8',
      'D1',
      'D2',
      'D3',
      'D4',
      'D5',
      'D6',
      'D7',
      'D8',
    ].map((bandCode, i) => ({
      territoryCode: 'SPPD',
      bandCode,
      ...withMargin(6_200 - (i % 8) * 60, bandCode.startsWith('M') ? 0.11 : 0.09),
      monthlyFeeMinor: bandCode.startsWith('M') ? 990 : 450,
    })),
  });
}

type Actor = { tenantId: string; userId: string };

type Keyword = (title: string) => string;

async function seedSweden(s: AccountsServices, e: EnergyServices, actor: Actor, keyword: Keyword) {
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
    keywords: [keyword('Fast pris')],
  });
  const household = await s.accounts.create(actor, {
    name: 'Familjen Ödegård',
    customerType: 'B2C',
    communicationPreference: 'paper',
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
    keywords: [keyword('Solceller'), keyword('Laddbox')],
  });
  await s.subjects.addNote(
    actor,
    { type: 'account', id: bakery.value.id },
    'Wants a fixed-price offer before the winter.',
  );
  await e.supplyPoints.create(actor, {
    identifier: '735999100000123450',
    commodity: 'electricity',
    country: 'SE',
    accountId: bakery.value.id,
    territoryCode: 'ELLEVIO-STHLM',
    customerType: 'B2B',
    services: ['electricity-retail'],
    meter: { number: 'M-7731904', tariff: 'Säkring 35 A', mainBreakerAmps: 35 },
    annualConsumptionKwh: 48_000,
    payment: { method: 'invoice' },
    address: { street: 'Storgatan', houseNumber: '12', postcode: '114 51', city: 'Stockholm', country: 'SE' },
    currentTariff: { unitPricePerMwhMinor: 145_000, monthlyFeeMinor: 4_900, currency: 'SEK' },
  });
  await e.supplyPoints.create(actor, {
    identifier: '735999200000678902',
    commodity: 'electricity',
    country: 'SE',
    accountId: household.value.id,
    territoryCode: 'VATTENFALL-NORR',
    customerType: 'B2C',
    services: ['electricity-retail', 'electricity-network'],
    meter: { number: 'M-2201457', tariff: 'Säkring 20 A', mainBreakerAmps: 20 },
    annualConsumptionKwh: 14_500,
    payment: { method: 'direct-debit', iban: 'SE4550000000058398257466' },
    address: { street: 'Björkvägen', houseNumber: '3', postcode: '903 31', city: 'Umeå', country: 'SE' },
    currentTariff: { unitPricePerMwhMinor: 132_000, monthlyFeeMinor: 3_900, currency: 'SEK' },
  });
}

async function seedSlovakia(s: AccountsServices, e: EnergyServices, actor: Actor, keyword: Keyword) {
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
    keywords: [keyword('Fotovoltika')],
  });
  const bakery = await s.accounts.create(actor, {
    name: 'Pekáreň u Jána s.r.o.',
    orgNumber: '35763469',
    customerType: 'B2B',
    communicationPreference: 'paper',
    email: 'objednavky@pekaren-jan.example',
    addresses: [{ kind: 'visiting', street: 'Hlavná 41', postcode: '040 01', city: 'Košice', country: 'SK' }],
  });
  await s.contacts.create(actor, {
    firstName: 'Ján',
    lastName: 'Horváth',
    phones: ['0917 654 321'],
    accountId: bakery.value.id,
    externalCustomerId: 'TE-2024-0042',
    keywords: [keyword('Fixná cena')],
  });
  await e.supplyPoints.create(actor, {
    identifier: '24ZSS61348520004',
    commodity: 'electricity',
    country: 'SK',
    accountId: school.value.id,
    territoryCode: 'ZSD',
    customerType: 'B2B',
    services: ['electricity-retail'],
    meter: { number: '41883021', tariff: 'C2-X3', reservedCapacityKw: 60, mainBreakerAmps: 100 },
    annualConsumptionKwh: 86_000,
    payment: { method: 'bank-transfer', iban: 'SK3112000000198742637541' },
    address: {
      street: 'Hviezdoslavova',
      houseNumber: '9',
      postcode: '811 02',
      city: 'Bratislava',
      country: 'SK',
    },
    currentTariff: { unitPricePerMwhMinor: 16_900, monthlyFeeMinor: 1_500, currency: 'EUR' },
  });
  await e.supplyPoints.create(actor, {
    identifier: '24ZSPP1234567898',
    commodity: 'gas',
    country: 'SK',
    accountId: bakery.value.id,
    territoryCode: 'SPPD',
    customerType: 'B2B',
    services: ['gas-retail'],
    meter: { number: 'G-0093311', tariff: 'M4' },
    annualConsumptionM3: 5_200,
    altitudeMeters: 208,
    payment: { method: 'invoice' },
    address: { street: 'Hlavná', houseNumber: '41', postcode: '040 01', city: 'Košice', country: 'SK' },
    currentTariff: { unitPricePerMwhMinor: 6_400, monthlyFeeMinor: 1_290, currency: 'EUR' },
  });
}
