import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsApi } from '#api/accounts/accounts-bindings';
import type { Contract } from '#domain/contracts/contract';
import type { Deal } from '#domain/sales/deals/deal';
import type { SalesActor } from '#domain/sales/sales-ports';
import { createHttpHandler } from '#http/http-handler';
import { energyServices } from '#runtime/energy-services';
import { contractOf, putContract } from '../support/contract-item';
import { answerOf, httpEvent } from '../support/http-event';
import { freshTable } from '../support/local-table';
import { salesFixture } from '../support/sales-fixture';

type Fixture = Awaited<ReturnType<typeof salesFixture>>;

const ids = (items: readonly { readonly id: string }[]) => items.map((i) => i.id).sort();

/** The contract part of a deal, as the contract keeps it. */
const contractDeal = (deal: Deal) => ({
  dealId: deal.id,
  title: deal.title,
  ownerId: deal.ownerId,
  participants: deal.participants,
});

describe('the account view (R-AC-6)', () => {
  let f: Fixture;
  const commands: string[] = [];
  let accountId: string;
  let keptContactId: string;
  let supplyPointId: string;
  let annasOpenDeal: Deal;
  let annasWonDeal: Deal;
  let bosOpenDeal: Deal;
  let annasContract: Contract;
  let bosContract: Contract;

  beforeAll(async () => {
    const table = await freshTable((command) => commands.push(command));
    f = await salesFixture({}, table);
    const energy = energyServices({ table });
    await energy.referenceData.createTerritory(f.admin, {
      code: 'ELLEVIO',
      name: 'Ellevio',
      country: 'SE',
      commodity: 'electricity',
    });
    accountId = (await f.crm.accounts.create(f.admin, { name: 'Bageri Solrosen AB', customerType: 'B2B' }))
      .value.id;
    const otherAccountId = (await f.crm.accounts.create(f.admin, { name: 'Granne AB', customerType: 'B2B' }))
      .value.id;
    keptContactId = (
      await f.crm.contacts.create(f.admin, { firstName: 'Karin', lastName: 'Lindqvist', accountId })
    ).value.id;
    const gone = await f.crm.contacts.create(f.admin, { firstName: 'Olle', lastName: 'Berg', accountId });
    await f.crm.contacts.remove(f.admin, gone.value.id);
    supplyPointId = (
      await energy.supplyPoints.create(f.admin, {
        identifier: '735999100000123450',
        commodity: 'electricity',
        country: 'SE',
        accountId,
        territoryCode: 'ELLEVIO',
        customerType: 'B2B',
        address: {
          street: 'Storgatan',
          houseNumber: '12',
          postcode: '114 51',
          city: 'Stockholm',
          country: 'SE',
        },
      })
    ).value.id;
    const deal = (seller: SalesActor, title: string, onAccount = accountId) =>
      f.sales.deals.create(seller, {
        title,
        accountId: onAccount,
        stageId: f.stages.qualification,
        valueMinor: 1_250_000,
        expectedCloseDate: '2027-03-15',
        commodity: 'electricity',
      });
    annasOpenDeal = (await deal(f.anna, 'El 2027')).value;
    const toWin = (await deal(f.anna, 'El 2026')).value;
    annasWonDeal = await f.sales.deals.update(f.anna, toWin.id, toWin.version, { stageId: f.stages.won });
    bosOpenDeal = (await deal(f.bo, 'Gas 2027')).value;
    await deal(f.anna, 'Grannens el', otherAccountId);
    annasContract = contractOf({ tenantId: f.tenant.id, accountId, deal: contractDeal(annasWonDeal) });
    bosContract = contractOf({ tenantId: f.tenant.id, accountId, deal: contractDeal(bosOpenDeal) });
    await putContract(table, annasContract);
    await putContract(table, bosContract);
    await putContract(
      table,
      contractOf({
        tenantId: f.tenant.id,
        accountId,
        deal: contractDeal(annasOpenDeal),
        deletedAt: '2026-03-03T10:00:00.000Z',
      }),
    );
  });

  it('shows an admin the contacts, supply points, open deals and contracts, in one Query', async () => {
    // Prepare
    commands.length = 0;

    // Act
    const view = await f.crm.accounts.view(f.admin, accountId);

    // Assess
    expect(commands).toEqual(['QueryCommand']);
    expect(view.account.id).toBe(accountId);
    expect(view.contacts.map((c) => c.id)).toEqual([keptContactId]);
    expect(view.supplyPoints.map((s) => s.id)).toEqual([supplyPointId]);
    expect(ids(view.openDeals)).toEqual(ids([annasOpenDeal, bosOpenDeal]));
    expect(ids(view.contracts)).toEqual(ids([annasContract, bosContract]));
  });

  it('sums up each open deal and contract', async () => {
    // Act
    const view = await f.crm.accounts.view(f.admin, accountId);

    // Assess
    expect(view.openDeals.find((d) => d.id === annasOpenDeal.id)).toEqual({
      id: annasOpenDeal.id,
      title: 'El 2027',
      ownerId: f.anna.userId,
      stage: {
        id: f.stages.qualification,
        title: 'Qualification',
        status: 'open',
        probabilityBasisPoints: 2000,
      },
      valueMinor: 1_250_000,
      currency: 'SEK',
      expectedCloseDate: '2027-03-15',
      commodity: 'electricity',
    });
    expect(view.contracts.find((c) => c.id === annasContract.id)).toEqual({
      id: annasContract.id,
      number: annasContract.number,
      state: 'signed',
      stateChangedAt: annasContract.stateChangedAt,
      dealId: annasWonDeal.id,
      requestedStartDate: '2026-04-01',
      offeredAnnualCost: annasContract.offeredAnnualCost,
      currency: 'SEK',
    });
  });

  it('shows a seller only the open deals they are on and the contracts of their deals', async () => {
    // Act
    const annas = await f.crm.accounts.view(f.anna, accountId);
    const bos = await f.crm.accounts.view(f.bo, accountId);

    // Assess
    expect(ids(annas.openDeals)).toEqual([annasOpenDeal.id]);
    expect(ids(annas.contracts)).toEqual([annasContract.id]);
    expect(ids(bos.openDeals)).toEqual([bosOpenDeal.id]);
    expect(ids(bos.contracts)).toEqual([bosContract.id]);
    expect(ids(bos.contacts)).toEqual([keptContactId]);
  });

  it('answers over HTTP as its schema says, with one request to the table', async () => {
    // Prepare
    const handler = createHttpHandler(accountsApi(f.crm), new Logger({ logLevel: 'SILENT' }));
    commands.length = 0;

    // Act
    const answer = answerOf(
      await handler(httpEvent('GET /v1/accounts/{accountId}/view', f.bo, { params: { accountId } })),
    );

    // Assess
    expect(commands).toEqual(['QueryCommand']);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual([
      'account',
      'contacts',
      'contracts',
      'openCases',
      'openDeals',
      'supplyPoints',
    ]);
    expect(answer.body.openDeals.map((d: { id: string }) => d.id)).toEqual([bosOpenDeal.id]);
    expect(answer.body.openDeals[0]).not.toHaveProperty('participants');
    expect(answer.body.contracts.map((c: { id: string }) => c.id)).toEqual([bosContract.id]);
    expect(answer.body.supplyPoints[0]).toMatchObject({
      id: supplyPointId,
      identifier: '735999100000123450',
    });
  });

  it('answers 404 for another tenant’s account', async () => {
    // Prepare
    const stranger: SalesActor = { tenantId: 'another-tenant', userId: 'someone', roles: ['admin'] };

    // Act
    const attempt = f.crm.accounts.view(stranger, accountId);

    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'not-found' });
  });
});
