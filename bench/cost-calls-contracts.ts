import { gs1CheckDigit } from '#domain/energy/identifiers/gsrn';
import { type Answer, type CallWorld, type RouteCall, replacementOf } from './route-call';

interface ContractSummary {
  readonly id: string;
  readonly state: string;
  readonly deal: { readonly dealId: string };
}

const contractsIn = async (w: CallWorld, state: string) =>
  (await w.api('GET', `/v1/contracts?state=${state}&limit=100`)).body.items as ContractSummary[];

/** The signing callback as Signi posts it when the signer has signed. */
async function signiSigns(w: CallWorld): Promise<Answer> {
  const delivery = await w.runtime.signi.decide(w.ids.externalId as string, 'completed');
  return { status: delivery?.status ?? 0, headers: new Headers(), body: delivery?.body };
}

/** A deal on the account, contact and supply point kept in `ids`, for a contract of its own. */
const dealFor = async (w: CallWorld, accountId: string, contactId: string, supplyPointId: string) =>
  (
    await w.api('POST', '/v1/deals', {
      title: 'Kostnad avtal',
      stageId: w.ids.openStageId,
      valueMinor: 400_000,
      expectedCloseDate: '2027-01-31',
      accountId,
      contactId,
      commodity: 'electricity',
      supplyPointIds: [supplyPointId],
    })
  ).body.id as string;

const consumerPoint = '73599910000077664';

/**
 * A household's contract on paper, sent and in the day's print batch, made
 * through the API: what a user records signed and the consumer withdraws.
 */
async function sentPaperContract(w: CallWorld): Promise<void> {
  const account = (
    await w.api('POST', '/v1/accounts', {
      name: 'Vera Hushåll',
      customerType: 'B2C',
      addresses: [
        { kind: 'delivery', street: 'Storgatan 16', postcode: '114 51', city: 'Stockholm', country: 'SE' },
      ],
    })
  ).body.id;
  const contact = (
    await w.api('POST', '/v1/contacts', {
      firstName: 'Vera',
      lastName: 'Hushåll',
      email: 'vera@hushall.example',
      accountId: account,
      isSigningPerson: true,
    })
  ).body.id;
  const point = (
    await w.api('POST', '/v1/supply-points', {
      identifier: `${consumerPoint}${gs1CheckDigit(consumerPoint)}`,
      commodity: 'electricity',
      country: 'SE',
      accountId: account,
      territoryCode: 'ELLEVIO-STHLM',
      customerType: 'B2C',
      annualConsumptionKwh: 9_000,
      address: {
        street: 'Storgatan',
        houseNumber: '16',
        postcode: '114 51',
        city: 'Stockholm',
        country: 'SE',
      },
      currentTariff: { unitPricePerMwhMinor: 145_000, monthlyFeeMinor: 4_900, currency: 'SEK' },
    })
  ).body.id;
  w.ids.dealId = await dealFor(w, account, contact, point);
  w.ids.contractId = (
    await w.api('POST', '/v1/deals/{dealId}/contracts', { productId: w.ids.demoProductId })
  ).body.id;
  const paper = await w.api(
    'PATCH',
    '/v1/contracts/{contractId}',
    { communication: 'paper' },
    { 'if-match': await w.etag('/v1/contracts/{contractId}') },
  );
  await w.api('POST', '/v1/contracts/{contractId}/send', undefined, {
    'if-match': paper.headers.get('etag') ?? '',
  });
  // The daily job collects it into the day's print batch, the tenant's day.
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  await w.runtime.schedules.run('contract-daily-jobs', { day });
  await w.settled();
}

export const contractCalls: RouteCall[] = [
  {
    route: 'POST /v1/deals/{dealId}/contracts',
    // A deal of its own: the one above has its contract from the accepted offer.
    prepare: async (w) => {
      w.ids.offerDealId = w.ids.dealId as string;
      w.ids.dealId = await dealFor(
        w,
        w.ids.accountId as string,
        w.ids.contactId as string,
        w.ids.supplyPointId as string,
      );
    },
    body: (ids) => ({ productId: ids.demoProductId }),
    keep: (a, ids) => {
      ids.contractId = a.body.id;
      ids.signedContractId = a.body.id;
    },
  },
  { route: 'GET /v1/contracts' },
  { route: 'GET /v1/contracts/{contractId}' },
  {
    route: 'PATCH /v1/contracts/{contractId}',
    body: () => ({ requestedStartDate: '2027-02-01' }),
    ifMatch: '/v1/contracts/{contractId}',
  },
  { route: 'POST /v1/contracts/{contractId}/send', ifMatch: '/v1/contracts/{contractId}' },
  {
    route: 'GET /v1/contracts/{contractId}/document',
    prepare: async (w) => {
      w.ids.externalId = (await w.api('GET', '/v1/contracts/{contractId}')).body.signing?.externalId;
    },
  },
  { route: 'POST /v1/webhooks/e-signature/signi', as: 'public', send: signiSigns },
  { route: 'GET /v1/contracts/{contractId}/transitions' },
  {
    route: 'POST /v1/contracts/{contractId}/activate',
    body: () => ({ supplyStartDate: '2027-02-01' }),
    ifMatch: '/v1/contracts/{contractId}',
  },
  {
    route: 'POST /v1/contracts/{contractId}/cancel',
    // The draft the accepted offer made.
    prepare: async (w) => {
      const drafts = await contractsIn(w, 'draft');
      w.ids.contractId = drafts.find((c) => c.deal.dealId === w.ids.offerDealId)?.id as string;
    },
    body: () => ({ reason: 'Kunden ångrade sig' }),
    ifMatch: '/v1/contracts/{contractId}',
  },
  {
    route: 'POST /v1/contracts/{contractId}/record-signed',
    prepare: sentPaperContract,
    keep: (_a, ids) => {
      ids.paperContractId = ids.contractId as string;
    },
    ifMatch: '/v1/contracts/{contractId}',
  },
  {
    route: 'GET /v1/contracts/print-batches',
    keep: (a, ids) => {
      ids.day = a.body.items[0]?.day;
    },
  },
  { route: 'GET /v1/contracts/print-batches/{day}/download' },
  { route: 'GET /v1/contracts/settings' },
  {
    route: 'PUT /v1/contracts/settings',
    prepare: replacementOf('/v1/contracts/settings', 'contractSettings'),
    body: (ids) => JSON.parse(ids.contractSettings as string),
    ifMatch: '/v1/contracts/settings',
  },
];

/** After the commissions: the started contract terminated, the household's withdrawn. */
export const contractEnds: RouteCall[] = [
  {
    route: 'POST /v1/contracts/{contractId}/terminate',
    params: (ids) => ({ contractId: ids.signedContractId as string }),
    body: () => ({ reason: 'Flyttar', endDate: '2027-12-31' }),
    ifMatch: '/v1/contracts/{signedContractId}',
  },
  {
    route: 'POST /v1/contracts/{contractId}/withdraw',
    params: (ids) => ({ contractId: ids.paperContractId as string }),
    body: () => ({ reason: 'Ångerrätt' }),
    ifMatch: '/v1/contracts/{paperContractId}',
  },
];

const commissionRule = {
  name: 'Kostnad regel',
  currency: 'SEK',
  match: { customerType: 'B2B', commodity: 'gas' },
  amount: { kind: 'fixed', amountMinor: 50_000 },
  split: { companyBasisPoints: 5_000, salesBasisPoints: 5_000 },
  payout: { kind: 'one-off', anchor: 'signing' },
  clawback: { windowMonths: 6 },
};

interface Instalment {
  readonly id: string;
  readonly status: string;
  readonly dueDate: string;
}

export const commissionCalls: RouteCall[] = [
  {
    route: 'GET /v1/commissions',
    // The commission of the contract signed and started above, its first instalments made due by the daily job.
    prepare: async (w) => {
      const commission = (await w.api('GET', '/v1/commissions/{signedContractId}')).body as {
        instalments: Instalment[];
      };
      const [first] = commission.instalments ?? [];
      if (first) await w.runtime.schedules.run('commission-daily-jobs', { day: first.dueDate });
      await w.settled();
    },
    keep: (a, ids) => {
      const commission = (a.body.items as { contractId: string; instalments: Instalment[] }[]).find(
        (c) => c.contractId === ids.signedContractId,
      );
      if (!commission) return;
      ids.commissionId = commission.contractId;
      const due = commission.instalments.filter((i) => i.status === 'due');
      const pending = commission.instalments.filter((i) => i.status === 'pending');
      ids.month = (due[0] ?? pending[0])?.dueDate.slice(0, 7) as string;
      ids.instalmentIds = JSON.stringify(due.slice(0, 1).map((i) => i.id));
      ids.instalmentId = pending.at(-1)?.id as string;
    },
  },
  { route: 'GET /v1/commissions/{commissionId}' },
  {
    route: 'POST /v1/commissions/{commissionId}/instalments/{instalmentId}/hold',
    body: () => ({ reason: 'Kontrolleras' }),
  },
  { route: 'POST /v1/commissions/{commissionId}/instalments/{instalmentId}/release', body: () => ({}) },
  {
    route: 'POST /v1/commissions/{commissionId}/approve',
    body: (ids) => ({ instalmentIds: JSON.parse(ids.instalmentIds as string) }),
  },
  {
    route: 'POST /v1/commissions/{commissionId}/pay',
    body: (ids) => ({ instalmentIds: JSON.parse(ids.instalmentIds as string), paymentReference: 'KOST-1' }),
  },
  { route: 'POST /v1/commission-payouts/{month}/approve', body: () => ({}) },
  { route: 'GET /v1/commission-payouts/{month}/payroll.csv' },
  { route: 'POST /v1/commission-payouts/{month}/pay', body: () => ({ paymentReference: 'KOST-MÅNAD' }) },
  {
    route: 'GET /v1/commission-statements/{userId}/{month}',
    prepare: async (w) => {
      w.ids.userId = 'norrsken-sales';
    },
  },
  {
    route: 'GET /v1/commission-reports/company',
    query: (ids) => ({ from: ids.month as string, to: ids.month as string }),
  },
  {
    route: 'GET /v1/commissions/gaps',
    keep: (a, ids) => {
      ids.gapContractId = a.body.items[0]?.contractId;
    },
  },
  {
    route: 'POST /v1/commissions/gaps/{contractId}/retry',
    failsBecause:
      'the demo data has no commission gap to retry: every signed contract matches a commission rule',
    prepare: async (w) => {
      w.ids.contractId = (w.ids.gapContractId ?? w.ids.commissionId) as string;
    },
  },
  {
    route: 'POST /v1/commission-rules',
    body: () => commissionRule,
    keep: (a, ids) => {
      ids.ruleId = a.body.ruleId ?? a.body.current?.ruleId ?? a.body.id;
    },
  },
  { route: 'GET /v1/commission-rules' },
  { route: 'GET /v1/commission-rules/{ruleId}' },
  {
    route: 'PUT /v1/commission-rules/{ruleId}',
    body: () => ({ ...commissionRule, name: 'Kostnad regel 2' }),
    ifMatch: '/v1/commission-rules/{ruleId}',
  },
  {
    route: 'POST /v1/commission-rules/{ruleId}/retire',
    body: () => ({}),
    ifMatch: '/v1/commission-rules/{ruleId}',
  },
];

export const exportCalls: RouteCall[] = [
  {
    route: 'GET /v1/data-sentence-presets',
    keep: (a, ids) => {
      ids.preset = a.body.items[0]?.distributor ?? a.body.items[0]?.id;
    },
  },
  { route: 'GET /v1/data-sentence-specs' },
  {
    route: 'POST /v1/data-sentence-specs',
    body: (ids) => ({ copyOfPreset: ids.preset }),
    keep: (a, ids) => {
      ids.specId = a.body.id;
    },
  },
  { route: 'GET /v1/data-sentence-specs/{specId}' },
  {
    route: 'PUT /v1/data-sentence-specs/{specId}',
    prepare: async (w) => {
      const { distributor, territoryCodes, name, sheetName, fileNamePattern, csvSeparator, columns } = (
        await w.api('GET', '/v1/data-sentence-specs/{specId}')
      ).body;
      w.ids.spec = JSON.stringify({
        distributor,
        territoryCodes,
        name: `${name} 2`,
        sheetName,
        fileNamePattern,
        csvSeparator,
        columns,
      });
    },
    body: (ids) => JSON.parse(ids.spec as string),
    ifMatch: '/v1/data-sentence-specs/{specId}',
  },
  {
    route: 'POST /v1/data-sentence-exports',
    prepare: async (w) => {
      w.ids.contractId = (await contractsIn(w, 'signed'))[0]?.id as string;
    },
    body: (ids) => ({ specId: ids.specId, selection: { kind: 'contracts', contractIds: [ids.contractId] } }),
    keep: (a, ids) => {
      ids.exportId = a.body.id;
    },
  },
  { route: 'GET /v1/data-sentence-exports' },
  { route: 'GET /v1/data-sentence-exports/{exportId}' },
  { route: 'GET /v1/contracts/{contractId}/data-sentence-exports' },
];
