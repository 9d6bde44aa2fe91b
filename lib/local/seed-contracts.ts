import type { Actor } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { accountsServices } from '#runtime/accounts-services';
import { contractsServices } from '#runtime/contracts-services';
import { energyServices } from '#runtime/energy-services';
import { contractsEnvironment } from '#runtime/environment/contracts';
import { environmentRenderer } from '#runtime/environment/renderer';
import { salesServices } from '#runtime/sales-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import type { DemoTenant } from './seed';
import type { SigniLocal } from './signi-local';

/** The demo account each tenant's contracts are for: a business with a signing person who has an e-mail. */
export const contractAccount: Readonly<Record<string, string>> = {
  SE: 'Bageri Solrosen AB',
  SK: 'Základná škola Hviezdoslavova',
};

/** What the seed needs of the running system: its pipeline, to let the consumers and Signi act. */
export interface RunningPipeline {
  settled(): Promise<void>;
  readonly signi: SigniLocal;
}

/**
 * Two contracts per demo tenant, made the way a user makes them: an offer
 * accepted (the consumer drafts the contract), sent (the worker hands it to
 * the local Signi), and one of them signed on Signi's side (its callback
 * stores the signed PDF and starts the supplier switch). The other stays
 * `sent`, to be signed or rejected on the local Signi's page.
 */
export async function seedDemoContracts(
  table: Table,
  tenants: readonly DemoTenant[],
  pipeline: RunningPipeline,
): Promise<void> {
  const sales = salesServices({ table });
  const { accounts } = accountsServices({ table });
  const energy = energyServices({ table });
  const { settings } = settingsServices({ table });
  const contracts = contractsServices({ ...contractsEnvironment(), renderer: environmentRenderer() });
  const offersAccepted: { tenant: DemoTenant; seller: SalesActor }[] = [];

  for (const tenant of tenants) {
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    const sellerUser = tenant.users.find((u) => u.groups.includes('sales'));
    const name = contractAccount[tenant.profile.country];
    if (!admin || !sellerUser || !name) continue;
    const actor: Actor = { tenantId: tenant.profile.id, userId: admin.sub };
    const seller: SalesActor = { tenantId: tenant.profile.id, userId: sellerUser.sub, roles: ['sales'] };
    await contracts.settings.amend(actor, {
      proposer: { firstName: 'Demo', lastName: 'Proposer', email: admin.email },
    });
    const account = (await accounts.list(actor, { namePrefix: name }, { limit: 1 })).items[0];
    const product = (await energy.pricing.listProducts(actor, { commodity: 'electricity' }, { limit: 1 }))
      .items[0];
    const stage = (await settings.list(actor, 'deal-stage', {}, { limit: 50 })).items.find(
      (s) => 'status' in s && s.status === 'open',
    );
    if (!account || !product || !stage) continue;
    const points = await energy.supplyPoints.ofAccount(actor, account.id, { limit: 10 });
    for (const title of ['2027', '2028']) {
      const deal = await sales.deals.create(seller, {
        title: `${account.name} ${title}`,
        accountId: account.id,
        commodity: 'electricity',
        supplyPointIds: points.items.map((p) => p.id),
        stageId: stage.id,
        valueMinor: 1_000_000,
        expectedCloseDate: `${title}-01-31`,
      });
      const offer = await sales.offers.create(seller, deal.value.id, { productId: product.id });
      const sent = await sales.offers.send(seller, offer.value.offer.id, 1, offer.value.offer.version);
      await sales.offers.accept(seller, offer.value.offer.id, 1, sent.offer.version);
    }
    offersAccepted.push({ tenant, seller });
  }
  await pipeline.settled();

  for (const { seller } of offersAccepted) {
    const drafts = await contracts.contracts.list(seller, 'draft', { limit: 10 });
    for (const draft of drafts.items) await contracts.signing.requestSend(seller, draft.id, draft.version);
  }
  await pipeline.settled();

  for (const { seller } of offersAccepted) {
    const [first] = (await contracts.contracts.list(seller, 'sent', { limit: 10 })).items;
    const externalId = first?.signing?.externalId;
    if (externalId) await pipeline.signi.decide(externalId, 'completed');
  }
  await pipeline.settled();
}
