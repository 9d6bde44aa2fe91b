import type { CallWorld, RouteCall } from './route-call';

/** The tenant's lists of values: each made, listed, read and renamed (deleted at the end). */
const settingLists = [
  { path: 'categories', id: 'categoryId', create: { title: 'Kostnad', scope: 'both' } },
  { path: 'industries', id: 'industryId', create: { title: 'Kostnad' } },
  { path: 'status-types', id: 'statusTypeId', create: { title: 'Kostnad' } },
  { path: 'contact-types', id: 'contactTypeId', create: { title: 'Kostnad' } },
  { path: 'keywords', id: 'keywordId', create: { title: 'Kostnad' } },
  {
    path: 'deal-stages',
    id: 'dealStageId',
    create: { title: 'Kostnad', probabilityBasisPoints: 5_000, status: 'open' },
  },
  { path: 'loss-reasons', id: 'lossReasonId', create: { title: 'Kostnad' } },
  { path: 'deal-types', id: 'dealTypeId', create: { title: 'Kostnad' } },
  { path: 'user-groups', id: 'userGroupId', create: { title: 'Kostnad', type: 'Standard' } },
] as const;

const idsOf = (answer: { body: { items: { id: string }[] } }) =>
  JSON.stringify(answer.body.items.map((i) => i.id));

export const settingsCalls: RouteCall[] = [
  ...settingLists.flatMap(({ path, id, create }): RouteCall[] => [
    {
      route: `POST /v1/settings/${path}`,
      body: () => create,
      keep: (a, ids) => {
        ids[id] = a.body.id;
      },
    },
    { route: `GET /v1/settings/${path}` },
    { route: `GET /v1/settings/${path}/{${id}}` },
    {
      route: `PATCH /v1/settings/${path}/{${id}}`,
      body: () => ({ title: 'Kostnad 2' }),
      ifMatch: `/v1/settings/${path}/{${id}}`,
    },
  ]),
  {
    route: 'PUT /v1/settings/status-types/order',
    prepare: async (w) => {
      w.ids.statusTypeOrder = idsOf(await w.api('GET', '/v1/settings/status-types?limit=100'));
    },
    body: (ids) => ({ ids: JSON.parse(ids.statusTypeOrder as string).reverse() }),
  },
  {
    route: 'PUT /v1/settings/deal-stages/order',
    prepare: async (w) => {
      w.ids.dealStageOrder = idsOf(await w.api('GET', '/v1/settings/deal-stages?limit=100'));
    },
    body: (ids) => ({ ids: JSON.parse(ids.dealStageOrder as string) }),
  },
  {
    route: 'POST /v1/settings/industries/{industryId}/move-customers',
    prepare: async (w) => {
      w.ids.toIndustryId = (await w.api('POST', '/v1/settings/industries', { title: 'Kostnad mål' })).body.id;
    },
    body: (ids) => ({ toIndustryId: ids.toIndustryId }),
    keep: (a, ids) => {
      ids.jobId = a.body.id;
    },
  },
  { route: 'GET /v1/jobs/{jobId}' },
];

/** The lists' deletes, last: nothing made later refers to the deleted values. */
export const settingsDeletes: RouteCall[] = settingLists.map(({ path, id }, i) => ({
  route: `DELETE /v1/settings/${path}/{${id}}`,
  // A value in use is not deleted: the account and contact give theirs up first.
  ...(i === 0
    ? {
        prepare: async (w: CallWorld) => {
          await w.api(
            'PATCH',
            '/v1/accounts/{accountId}',
            { categoryIds: [] },
            { 'if-match': await w.etag('/v1/accounts/{accountId}') },
          );
          await w.api(
            'PATCH',
            '/v1/contacts/{contactId}',
            { categoryIds: [], keywords: [] },
            { 'if-match': await w.etag('/v1/contacts/{contactId}') },
          );
        },
      }
    : {}),
}));
