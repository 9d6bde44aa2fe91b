import { gs1CheckDigit } from '#domain/energy/identifiers/gsrn';
import type { RouteCall } from './route-call';

const pointPayload = '73599910000077665';

export const energyCalls: RouteCall[] = [
  {
    route: 'POST /v1/territories',
    body: () => ({ code: 'KOSTNAD-T1', name: 'Kostnad nät', country: 'SE', commodity: 'electricity' }),
    keep: (a, ids) => {
      ids.code = a.body.code;
    },
  },
  { route: 'GET /v1/territories' },
  { route: 'GET /v1/territories/{code}' },
  {
    route: 'PATCH /v1/territories/{code}',
    body: () => ({ name: 'Kostnad nät 2' }),
    ifMatch: '/v1/territories/{code}',
  },
  {
    route: 'PUT /v1/settings/band-tables/{commodity}/{customerType}',
    prepare: async (w) => {
      w.ids.commodity = 'gas';
      w.ids.customerType = 'B2C';
    },
    body: () => ({ unit: 'm3', bands: [{ code: 'G1', label: 'Liten', fromInclusive: 0 }] }),
  },
  { route: 'GET /v1/settings/band-tables/{commodity}/{customerType}' },
  {
    route: 'PUT /v1/settings/gas-conversion',
    body: () => ({
      grossCalorificValue: '11.2',
      coefficients: { byAltitude: [{ maxAltitudeMeters: 9_000, coefficient: '1.0' }] },
    }),
  },
  { route: 'GET /v1/settings/gas-conversion' },
  {
    route: 'POST /v1/products',
    body: () => ({ name: 'Kostnad Fast', code: 'KOSTNAD-1', commodity: 'electricity', currency: 'SEK' }),
    keep: (a, ids) => {
      ids.productId = a.body.id;
    },
  },
  { route: 'GET /v1/products' },
  { route: 'GET /v1/products/{productId}' },
  {
    route: 'PATCH /v1/products/{productId}',
    body: () => ({ description: 'Fast pris' }),
    ifMatch: '/v1/products/{productId}',
  },
  {
    route: 'POST /v1/products/{productId}/price-lists',
    body: () => ({
      validFrom: '2026-01-01',
      prices: [
        {
          territoryCode: 'ELLEVIO-STHLM',
          bandCode: 'F2',
          unitPricePerMwhMinor: 120_000,
          monthlyFeeMinor: 5_000,
        },
      ],
    }),
  },
  { route: 'GET /v1/products/{productId}/price-lists' },
  {
    route: 'GET /v1/products/{productId}/price',
    query: () => ({ territory: 'ELLEVIO-STHLM', band: 'F2', date: '2027-03-01' }),
  },
  {
    route: 'POST /v1/supply-points',
    body: (ids) => ({
      identifier: `${pointPayload}${gs1CheckDigit(pointPayload)}`,
      commodity: 'electricity',
      country: 'SE',
      accountId: ids.accountId,
      territoryCode: 'ELLEVIO-STHLM',
      customerType: 'B2B',
      annualConsumptionKwh: 40_000,
      meter: { number: 'M-KOST-1' },
      currentTariff: { unitPricePerMwhMinor: 145_000, monthlyFeeMinor: 4_900, currency: 'SEK' },
      address: {
        street: 'Storgatan',
        houseNumber: '14',
        postcode: '114 51',
        city: 'Stockholm',
        country: 'SE',
      },
    }),
    keep: (a, ids) => {
      ids.supplyPointId = a.body.id;
    },
  },
  { route: 'GET /v1/supply-points/{supplyPointId}' },
  {
    route: 'PATCH /v1/supply-points/{supplyPointId}',
    body: () => ({ annualConsumptionKwh: 42_000 }),
    ifMatch: '/v1/supply-points/{supplyPointId}',
  },
  {
    route: 'PATCH /v1/supply-points/{supplyPointId}/billing',
    body: () => ({ email: 'faktura@kostnad.example' }),
    ifMatch: '/v1/accounts/{accountId}',
  },
  {
    route: 'GET /v1/supply-points/{supplyPointId}/price',
    query: (ids) => ({ productId: ids.productId as string, date: '2027-03-01' }),
  },
  {
    route: 'GET /v1/supply-points/{supplyPointId}/savings',
    query: (ids) => ({ productId: ids.productId as string, date: '2027-03-01' }),
  },
  { route: 'GET /v1/accounts/{accountId}/supply-points' },
  {
    route: 'POST /v1/supply-points/{supplyPointId}/readings',
    body: () => ({ register: '1.8.0', date: '2026-11-30', value: 1_000, kind: 'actual' }),
  },
  { route: 'GET /v1/supply-points/{supplyPointId}/readings' },
  { route: 'GET /v1/supply-points/{supplyPointId}/consumption', query: () => ({ register: '1.8.0' }) },
  {
    route: 'POST /v1/journeys',
    body: (ids) => ({ type: 'supplier-switch', supplyPointId: ids.supplyPointId }),
    keep: (a, ids) => {
      ids.journeyId = a.body.id;
    },
  },
  { route: 'GET /v1/journeys/{journeyId}' },
  {
    route: 'POST /v1/journeys/{journeyId}/transitions',
    body: () => ({ action: 'submit', effectiveDate: '2027-01-01' }),
    ifMatch: '/v1/journeys/{journeyId}',
  },
  { route: 'GET /v1/accounts/{accountId}/journeys' },
];
