import * as z from 'zod';
import { idSchema, pageOnlyQuery } from '#api/common/common-schemas';
import { settingNames } from '#domain/settings/setting';
import type { SettingKind } from '#domain/settings/settings-lookup';
import { defineRoute } from '#http/route';
import {
  categoryBodies,
  categoryListQuery,
  contactTypeBodies,
  dealStageBodies,
  dealStageList,
  dealTypeBodies,
  industryBodies,
  industryDeleteQuery,
  jobSchema,
  keywordBodies,
  lossReasonBodies,
  moveCustomersBody,
  pageOfKind,
  reorderBody,
  statusTypeBodies,
  statusTypeList,
  userGroupBodies,
  userGroupListQuery,
} from './settings-schemas';

const readErrors = [400, 401, 403, 404] as const;
const createErrors = [400, 401, 403, 409, 415, 422] as const;
const updateErrors = [400, 401, 403, 404, 409, 412, 415, 428] as const;

interface KindSpec<
  P extends string,
  C extends z.ZodType,
  U extends z.ZodType,
  S extends z.ZodType,
  L extends z.ZodType,
  D extends z.ZodType,
> {
  readonly kind: SettingKind;
  /** Path segment under /v1/settings. */
  readonly segment: string;
  /** Operation id parts: `createCategory`, `listCategories`. */
  readonly one: string;
  readonly many: string;
  readonly param: P;
  readonly bodies: { readonly create: C; readonly update: U; readonly schema: S };
  readonly listQuery: L;
  readonly deleteQuery: D;
}

/** The five operations of one kind: read by any role, written by admins only. */
function crudRoutes<
  P extends string,
  C extends z.ZodType,
  U extends z.ZodType,
  S extends z.ZodType,
  L extends z.ZodType,
  D extends z.ZodType,
>(spec: KindSpec<P, C, U, S, L, D>) {
  const name = settingNames[spec.kind];
  const params = z.object({ [spec.param]: idSchema } as Record<P, typeof idSchema>);
  const collection = `/v1/settings/${spec.segment}`;
  const item = `${collection}/{${spec.param}}`;
  const isIndustry = spec.kind === 'industry';
  return {
    create: defineRoute({
      operationId: `create${spec.one}`,
      method: 'POST',
      path: collection,
      summary: `Create a ${name}`,
      tag: 'Settings',
      permission: 'admin',
      body: spec.bodies.create,
      idempotent: true,
      success: { status: 201, description: `The ${name}`, schema: spec.bodies.schema },
      errors: createErrors,
    }),
    list: defineRoute({
      operationId: `list${spec.many}`,
      method: 'GET',
      path: collection,
      summary: `List the ${name}s`,
      tag: 'Settings',
      permission: 'read',
      query: spec.listQuery,
      success: { status: 200, description: `A page of ${name}s`, schema: pageOfKind[spec.kind] },
      errors: readErrors,
    }),
    get: defineRoute({
      operationId: `get${spec.one}`,
      method: 'GET',
      path: item,
      summary: `Read a ${name}`,
      tag: 'Settings',
      permission: 'read',
      params,
      etag: true,
      success: { status: 200, description: `The ${name}`, schema: spec.bodies.schema },
      errors: readErrors,
    }),
    update: defineRoute({
      operationId: `update${spec.one}`,
      method: 'PATCH',
      path: item,
      summary: `Change a ${name}`,
      tag: 'Settings',
      permission: 'admin',
      params,
      body: spec.bodies.update,
      ifMatch: 'required',
      etag: true,
      success: { status: 200, description: `The changed ${name}`, schema: spec.bodies.schema },
      errors: updateErrors,
    }),
    remove: defineRoute({
      operationId: `delete${spec.one}`,
      method: 'DELETE',
      path: item,
      summary: isIndustry
        ? 'Delete an industry; with replaceWith, move its accounts first (202 with the job)'
        : `Delete a ${name} that nothing uses`,
      tag: 'Settings',
      permission: 'admin',
      params,
      query: spec.deleteQuery,
      ifMatch: 'optional',
      // A delete with replaceWith starts a job: a retry with the same key answers the same job.
      idempotent: isIndustry,
      success: {
        status: 204,
        description: isIndustry
          ? 'Deleted; with replaceWith the answer is 202 with the move-customers job instead'
          : 'Deleted',
      },
      ...(isIndustry
        ? {
            otherSuccesses: [
              {
                status: 202,
                description:
                  'With replaceWith: the job that moves the accounts, then deletes the industry; ' +
                  'follow it at GET /v1/jobs/{jobId} (also in Location)',
                schema: jobSchema,
              },
            ],
          }
        : {}),
      errors: [400, 401, 403, 404, 409, 412, 422],
      problems: isIndustry
        ? ['setting-in-use', 'job-running', 'changed-meanwhile']
        : ['setting-in-use', 'changed-meanwhile'],
    }),
  };
}

const noQuery = z.strictObject({});

export const settingRoutesByKind = {
  category: crudRoutes({
    kind: 'category',
    segment: 'categories',
    one: 'Category',
    many: 'Categories',
    param: 'categoryId',
    bodies: categoryBodies,
    listQuery: categoryListQuery,
    deleteQuery: noQuery,
  }),
  industry: crudRoutes({
    kind: 'industry',
    segment: 'industries',
    one: 'Industry',
    many: 'Industries',
    param: 'industryId',
    bodies: industryBodies,
    listQuery: pageOnlyQuery,
    deleteQuery: industryDeleteQuery,
  }),
  'status-type': crudRoutes({
    kind: 'status-type',
    segment: 'status-types',
    one: 'StatusType',
    many: 'StatusTypes',
    param: 'statusTypeId',
    bodies: statusTypeBodies,
    listQuery: pageOnlyQuery,
    deleteQuery: noQuery,
  }),
  'contact-type': crudRoutes({
    kind: 'contact-type',
    segment: 'contact-types',
    one: 'ContactType',
    many: 'ContactTypes',
    param: 'contactTypeId',
    bodies: contactTypeBodies,
    listQuery: pageOnlyQuery,
    deleteQuery: noQuery,
  }),
  keyword: crudRoutes({
    kind: 'keyword',
    segment: 'keywords',
    one: 'Keyword',
    many: 'Keywords',
    param: 'keywordId',
    bodies: keywordBodies,
    listQuery: pageOnlyQuery,
    deleteQuery: noQuery,
  }),
  'deal-stage': crudRoutes({
    kind: 'deal-stage',
    segment: 'deal-stages',
    one: 'DealStage',
    many: 'DealStages',
    param: 'dealStageId',
    bodies: dealStageBodies,
    listQuery: pageOnlyQuery,
    deleteQuery: noQuery,
  }),
  'loss-reason': crudRoutes({
    kind: 'loss-reason',
    segment: 'loss-reasons',
    one: 'LossReason',
    many: 'LossReasons',
    param: 'lossReasonId',
    bodies: lossReasonBodies,
    listQuery: pageOnlyQuery,
    deleteQuery: noQuery,
  }),
  'deal-type': crudRoutes({
    kind: 'deal-type',
    segment: 'deal-types',
    one: 'DealType',
    many: 'DealTypes',
    param: 'dealTypeId',
    bodies: dealTypeBodies,
    listQuery: pageOnlyQuery,
    deleteQuery: noQuery,
  }),
  'user-group': crudRoutes({
    kind: 'user-group',
    segment: 'user-groups',
    one: 'UserGroup',
    many: 'UserGroups',
    param: 'userGroupId',
    bodies: userGroupBodies,
    listQuery: userGroupListQuery,
    deleteQuery: noQuery,
  }),
} as const;

/** The operations beyond create, read, update and delete. */
export const settingExtraRoutes = {
  reorderStatusTypes: defineRoute({
    operationId: 'reorderStatusTypes',
    method: 'PUT',
    path: '/v1/settings/status-types/order',
    summary: 'Put the status types in a new order',
    tag: 'Settings',
    permission: 'admin',
    body: reorderBody,
    success: { status: 200, description: 'The status types in their new order', schema: statusTypeList },
    errors: [400, 401, 403, 409, 415],
  }),
  reorderDealStages: defineRoute({
    operationId: 'reorderDealStages',
    method: 'PUT',
    path: '/v1/settings/deal-stages/order',
    summary: 'Put the deal stages in a new order',
    tag: 'Settings',
    permission: 'admin',
    body: reorderBody,
    success: { status: 200, description: 'The deal stages in their new order', schema: dealStageList },
    errors: [400, 401, 403, 409, 415],
  }),
  moveCustomers: defineRoute({
    operationId: 'moveCustomers',
    method: 'POST',
    path: '/v1/settings/industries/{industryId}/move-customers',
    summary: 'Move every account of the industry to another industry, as a background job',
    tag: 'Settings',
    permission: 'admin',
    params: z.object({ industryId: idSchema }),
    body: moveCustomersBody,
    idempotent: true,
    success: {
      status: 202,
      description: 'The job; follow its progress at GET /v1/jobs/{jobId} (also in Location)',
      schema: jobSchema,
    },
    errors: [...createErrors, 404],
  }),
  getJob: defineRoute({
    operationId: 'getJob',
    method: 'GET',
    path: '/v1/jobs/{jobId}',
    summary: 'Read a background job and its progress',
    tag: 'Jobs',
    permission: 'read',
    params: z.object({ jobId: idSchema }),
    etag: true,
    success: { status: 200, description: 'The job', schema: jobSchema },
    errors: readErrors,
  }),
} as const;

/** Every route of the settings module, for the `settings-api` function. */
export const settingsRoutes = [
  ...Object.values(settingRoutesByKind).flatMap((r) => Object.values(r)),
  ...Object.values(settingExtraRoutes),
];
