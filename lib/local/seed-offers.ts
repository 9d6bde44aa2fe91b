import type { Actor } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { accountsServices } from '#runtime/accounts-services';
import { energyServices } from '#runtime/energy-services';
import { salesServices } from '#runtime/sales-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import type { DemoTenant } from './seed';
import { contractAccount } from './seed-contracts';

/**
 * One offer per demo tenant that stays sent: made by a seller for the
 * contract account's supply points, addressed to its signing person. The
 * offer-documents consumer renders its PDF once the pipeline settles, so
 * the demo can download it and e-mail it to the contact.
 */
export async function seedDemoOffers(
  table: Table,
  tenants: readonly DemoTenant[],
  pipeline: { settled(): Promise<void> },
): Promise<void> {
  const sales = salesServices({ table });
  const { accounts, contacts } = accountsServices({ table });
  const energy = energyServices({ table });
  const { settings } = settingsServices({ table });
  for (const tenant of tenants) {
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    const sellerUser = tenant.users.find((u) => u.groups.includes('sales'));
    const name = contractAccount[tenant.profile.country];
    if (!admin || !sellerUser || !name) continue;
    const actor: Actor = { tenantId: tenant.profile.id, userId: admin.sub };
    const seller: SalesActor = { tenantId: tenant.profile.id, userId: sellerUser.sub, roles: ['sales'] };
    const account = (await accounts.list(actor, { namePrefix: name }, { limit: 1 })).items[0];
    const product = (await energy.pricing.listProducts(actor, { commodity: 'electricity' }, { limit: 1 }))
      .items[0];
    const stage = (await settings.list(actor, 'deal-stage', {}, { limit: 50 })).items.find(
      (s) => 'status' in s && s.status === 'open',
    );
    if (!account || !product || !stage) continue;
    const contact = (await contacts.list(actor, { accountId: account.id }, { limit: 10 })).items.find(
      (c) => c.isSigningPerson,
    );
    const points = await energy.supplyPoints.ofAccount(actor, account.id, { limit: 10 });
    const deal = await sales.deals.create(seller, {
      title: `${account.name} – offer`,
      accountId: account.id,
      ...(contact ? { contactId: contact.id } : {}),
      commodity: 'electricity',
      supplyPointIds: points.items.map((p) => p.id),
      stageId: stage.id,
      valueMinor: 1_000_000,
      expectedCloseDate: '2027-03-31',
    });
    const offer = await sales.offers.create(seller, deal.value.id, { productId: product.id });
    await sales.offers.send(seller, offer.value.offer.id, 1, offer.value.offer.version);
  }
  await pipeline.settled();
}
