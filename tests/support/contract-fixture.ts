import type { Contract, ContractLine } from '#domain/contracts/contract';

const line = (identifier: string, extra: Partial<ContractLine> = {}): ContractLine => ({
  supplyPointId: `sp-${identifier.slice(-4)}`,
  identifier,
  commodity: 'electricity',
  country: 'SK',
  territoryCode: 'ZSD',
  bandCode: 'P3',
  annualConsumptionKwh: 86_000,
  productId: 'product-1',
  productCode: 'EL-FIX-27',
  productName: 'Tatra Elektrina Fix 2027',
  priceListVersion: 3,
  unitPricePerMwhMinor: 14_990,
  monthlyFeeMinor: 1_290,
  currency: 'EUR',
  offeredAnnualCost: 1_304_620,
  ...extra,
});

/** A complete Slovak B2B contract over two supply points, prices in euro cents. */
export function sampleContract(extra: Partial<Contract> = {}): Contract {
  const lines = [
    line('24ZZS6134852000R'),
    line('24ZZS6134852001P', {
      bandCode: 'P2',
      annualConsumptionKwh: 14_500,
      unitPricePerMwhMinor: 15_450,
      offeredAnnualCost: 239_505,
    }),
  ];
  return {
    id: '01KBXCONTRACT00000000000001',
    tenantId: 'tatra',
    createdAt: '2026-12-04T09:00:00.000Z',
    createdBy: 'seller-1',
    updatedAt: '2026-12-04T09:00:00.000Z',
    updatedBy: 'seller-1',
    version: 1,
    number: '2026-000042',
    state: 'draft',
    stateChangedAt: '2026-12-04T09:00:00.000Z',
    accountId: 'account-1',
    party: {
      accountId: 'account-1',
      name: 'Základná škola Hviezdoslavova',
      orgNumber: '00318655',
      customerType: 'B2B',
      country: 'SK',
      addresses: [
        {
          kind: 'visiting',
          street: 'Hviezdoslavova 9',
          postcode: '811 02',
          city: 'Bratislava',
          country: 'SK',
        },
      ],
      phones: [],
    },
    signingPersons: [
      { contactId: 'contact-1', firstName: 'Mária', lastName: 'Kováčová', email: 'maria@example.sk' },
    ],
    deal: {
      dealId: 'deal-1',
      title: 'Elektrina 2027',
      ownerId: 'seller-1',
      participants: [{ userId: 'seller-1', shareBasisPoints: 10_000 }],
    },
    lines,
    currency: 'EUR',
    offeredAnnualCost: lines.reduce((sum, l) => sum + l.offeredAnnualCost, 0),
    requestedStartDate: '2027-01-01',
    term: { kind: 'fixed', months: 24 },
    communication: 'electronic',
    locale: 'sk',
    ...extra,
  };
}

/** The same, Swedish: a GSRN, öre, a Swedish org number. */
export function swedishSampleContract(): Contract {
  const base = sampleContract();
  return sampleContract({
    tenantId: 'norrsken',
    locale: 'sv',
    currency: 'SEK',
    party: {
      ...base.party,
      name: 'Bageri Solrosen AB',
      orgNumber: '556677-8899',
      country: 'SE',
      addresses: [
        { kind: 'visiting', street: 'Storgatan 12', postcode: '114 51', city: 'Stockholm', country: 'SE' },
      ],
    },
    signingPersons: [
      { contactId: 'contact-2', firstName: 'Karin', lastName: 'Lindqvist', email: 'karin@solrosen.example' },
    ],
    lines: base.lines.map((l, i) => ({
      ...l,
      identifier: ['735999100000123450', '735999200000678902'][i] as string,
      country: 'SE',
      currency: 'SEK',
      productName: 'Norrsken Fast 12 mån',
      unitPricePerMwhMinor: 124_000,
      monthlyFeeMinor: 6_900,
    })),
    offeredAnnualCost: 7_123_456,
  });
}
