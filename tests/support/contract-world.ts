import { eicCheckCharacter } from '#domain/energy/identifiers/eic';
import type { DomainEventOf } from '#domain/event-catalogue';
import type { Clock } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { accountsServices } from '#runtime/accounts-services';
import { energyServices } from '#runtime/energy-services';
import { salesServices } from '#runtime/sales-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { everyUserActive } from './accounts-fakes';
import { slovakTenant } from './local-table';

let identifiers = 0;
/** A new valid EIC of a Slovak supply point (`24Z…`); bodies whose check character would be `-` are skipped. */
export function eic(): string {
  for (;;) {
    identifiers += 1;
    const body = `24ZZS${String(Date.now() % 1_000_000).padStart(6, '0')}${String(identifiers).padStart(4, '0')}`;
    const check = eicCheckCharacter(body);
    if (check && /^[A-Z0-9]$/.test(check)) return `${body}${check}`;
  }
}

/**
 * A Slovak tenant ready to sign: a territory with a band table, a product
 * with EUR prices, a B2B account with a signing person, two supply points,
 * deal stages, and a seller's deal over both supply points.
 */
export async function contractWorld(table: Table, clock: Clock) {
  const profile = slovakTenant();
  await new DynamoTenantDirectory(table).save(profile);
  const tenantId = profile.id;
  const admin: SalesActor = { tenantId, userId: 'admin-1', roles: ['admin'] };
  const seller: SalesActor = { tenantId, userId: 'seller-1', roles: ['sales'] };
  const partner: SalesActor = { tenantId, userId: 'seller-2', roles: ['sales'] };
  const outsider: SalesActor = { tenantId, userId: 'seller-3', roles: ['sales'] };
  const energy = energyServices({ table }, { clock });
  const crm = accountsServices({ table }, { clock });
  const { settings } = settingsServices({ table }, { clock });
  const sales = salesServices({ table }, { clock, users: everyUserActive });

  await energy.referenceData.createTerritory(admin, {
    code: 'ZSD',
    name: 'ZSDIS',
    country: 'SK',
    commodity: 'electricity',
  });
  await energy.referenceData.saveBandTable(admin, {
    commodity: 'electricity',
    customerType: 'B2B',
    unit: 'kWh',
    bands: [{ code: 'C2', label: 'Business', fromInclusive: 0 }],
  });
  const product = await energy.pricing.createProduct(admin, {
    name: 'Fixná cena 24',
    code: 'FIX-24',
    commodity: 'electricity',
  });
  await energy.pricing.publishPriceList(admin, product.value.id, {
    validFrom: '2026-01-01',
    prices: [{ territoryCode: 'ZSD', bandCode: 'C2', unitPricePerMwhMinor: 14_990, monthlyFeeMinor: 1_250 }],
  });
  const account = await crm.accounts.create(admin, {
    name: 'Základná škola Hviezdoslavova',
    orgNumber: '00318655',
    customerType: 'B2B',
    addresses: [
      { kind: 'visiting', street: 'Hviezdoslavova 9', postcode: '811 02', city: 'Bratislava', country: 'SK' },
    ],
  });
  const accountId = account.value.id;
  const signer = await crm.contacts.create(admin, {
    firstName: 'Mária',
    lastName: 'Kováčová',
    email: 'riaditelka@zs-hviezdoslavova.example',
    accountId,
    isSigningPerson: true,
  });
  const identifiers = [eic(), eic()];
  const supplyPointIds: string[] = [];
  for (const [i, identifier] of identifiers.entries()) {
    const created = await energy.supplyPoints.create(admin, {
      identifier,
      commodity: 'electricity',
      country: 'SK',
      accountId,
      territoryCode: 'ZSD',
      customerType: 'B2B',
      annualConsumptionKwh: 40_000 + i * 10_000,
      address: {
        street: 'Hviezdoslavova',
        houseNumber: '9',
        postcode: '811 02',
        city: 'Bratislava',
        country: 'SK',
      },
      currentTariff: { unitPricePerMwhMinor: 16_900, monthlyFeeMinor: 1_500, currency: 'EUR' },
    });
    supplyPointIds.push(created.value.id);
  }
  const stage = async (title: string, status: 'open' | 'won' | 'lost', probabilityBasisPoints: number) =>
    (await settings.create(admin, 'deal-stage', { title, status, probabilityBasisPoints })).value.id;
  await settings.create(admin, 'loss-reason', { title: 'Price' });
  const stages = { open: await stage('Ponuka', 'open', 5_000), won: await stage('Vyhraté', 'won', 10_000) };
  await stage('Prehraté', 'lost', 0);

  const deal = await sales.deals.create(seller, {
    title: 'Elektrina 2027',
    accountId,
    commodity: 'electricity',
    supplyPointIds,
    stageId: stages.open,
    valueMinor: 1_200_000,
    expectedCloseDate: '2027-01-31',
    participants: [
      { userId: seller.userId, shareBasisPoints: 7_000 },
      { userId: partner.userId, shareBasisPoints: 3_000 },
    ],
  });

  /** Offers the deal, sends and accepts the offer: the `OfferAccepted` event as the store wrote it. */
  async function acceptOffer(): Promise<DomainEventOf<'OfferAccepted'>['data']> {
    const offer = await sales.offers.create(seller, deal.value.id, { productId: product.value.id });
    const sent = await sales.offers.send(seller, offer.value.offer.id, 1, offer.value.offer.version);
    const accepted = await sales.offers.accept(seller, offer.value.offer.id, 1, sent.offer.version);
    return {
      offerId: accepted.offer.id,
      dealId: accepted.offer.dealId,
      accountId: accepted.offer.accountId,
      versionNumber: 1,
      version: { ...accepted.version, state: 'accepted' },
    };
  }

  return {
    tenantId,
    profile,
    admin,
    seller,
    partner,
    outsider,
    accountId,
    signerContactId: signer.value.id,
    identifiers,
    supplyPointIds,
    productId: product.value.id,
    dealId: deal.value.id,
    sales,
    crm,
    energy,
    acceptOffer,
  };
}
