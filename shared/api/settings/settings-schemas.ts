import * as z from 'zod';
import { auditFields, idSchema, lineText, pageOf, pageQuery } from '#api/common/common-schemas';
import { jobStates } from '#domain/settings/job';
import {
  categoryScopes,
  dealStageStatuses,
  fullProbability,
  maxMembers,
  maxOrder,
  memberIdMaxLength,
  titleMaxLength,
  userGroupTypes,
} from '#domain/settings/setting';
import { maxReorder } from '#domain/settings/settings-service';

const title = lineText.min(1).max(titleMaxLength);
const order = z
  .int()
  .min(1)
  .max(maxOrder)
  .meta({ description: 'Position in the list, unique per kind; new ones go last when left out.' });
const probability = z.int().min(0).max(fullProbability).meta({
  description: 'Chance of winning in basis points (100 % = 10000); a won stage has 10000, a lost one 0.',
  example: 2500,
});
const members = z
  .array(lineText.min(1).max(memberIdMaxLength))
  .max(maxMembers)
  .meta({ description: 'User ids of the members.' });

const usageSchema = z.object({ accounts: z.int(), contacts: z.int(), deals: z.int() }).meta({
  id: 'SettingUsage',
  description: 'How many records use the setting; a setting in use cannot be deleted.',
});

const settingBase = { ...auditFields, title: z.string(), usage: usageSchema };

/** Kinds that have only a title. */
const titled = (kind: string, id: string) => ({
  create: z.strictObject({ title }).meta({ id: `Create${id}` }),
  update: z
    .strictObject({ title: title.optional() })
    .meta({ id: `Update${id}`, description: 'Only the fields sent change.' }),
  schema: z.object({ ...settingBase, kind: z.literal(kind) }).meta({ id }),
});

export const categoryBodies = {
  create: z
    .strictObject({
      title,
      scope: z.enum(categoryScopes).meta({ description: 'What the category may be put on.' }),
      active: z
        .boolean()
        .optional()
        .meta({ description: 'Defaults to true; inactive ones are not offered.' }),
    })
    .meta({ id: 'CreateCategory' }),
  update: z
    .strictObject({
      title: title.optional(),
      scope: z.enum(categoryScopes).optional(),
      active: z.boolean().optional(),
    })
    .meta({ id: 'UpdateCategory', description: 'Only the fields sent change.' }),
  schema: z
    .object({
      ...settingBase,
      kind: z.literal('category'),
      scope: z.enum(categoryScopes),
      active: z.boolean(),
    })
    .meta({ id: 'Category' }),
};

export const industryBodies = titled('industry', 'Industry');
export const contactTypeBodies = titled('contact-type', 'ContactType');
export const keywordBodies = titled('keyword', 'Keyword');
export const lossReasonBodies = titled('loss-reason', 'LossReason');
export const dealTypeBodies = titled('deal-type', 'DealType');

export const statusTypeBodies = {
  create: z.strictObject({ title, order: order.optional() }).meta({ id: 'CreateStatusType' }),
  update: z
    .strictObject({ title: title.optional(), order: order.optional() })
    .meta({ id: 'UpdateStatusType', description: 'Only the fields sent change.' }),
  schema: z
    .object({ ...settingBase, kind: z.literal('status-type'), order: z.int() })
    .meta({ id: 'StatusType' }),
};

export const dealStageBodies = {
  create: z
    .strictObject({
      title,
      probabilityBasisPoints: probability,
      status: z.enum(dealStageStatuses).meta({ description: 'A lost stage needs loss reasons to exist.' }),
      order: order.optional(),
    })
    .meta({ id: 'CreateDealStage' }),
  update: z
    .strictObject({
      title: title.optional(),
      probabilityBasisPoints: probability.optional(),
      status: z.enum(dealStageStatuses).optional(),
      order: order.optional(),
    })
    .meta({ id: 'UpdateDealStage', description: 'Only the fields sent change.' }),
  schema: z
    .object({
      ...settingBase,
      kind: z.literal('deal-stage'),
      probabilityBasisPoints: z.int(),
      status: z.enum(dealStageStatuses),
      order: z.int(),
    })
    .meta({ id: 'DealStage' }),
};

export const userGroupBodies = {
  create: z
    .strictObject({
      title,
      type: z.enum(userGroupTypes),
      parentId: idSchema
        .nullish()
        .meta({ description: 'The group above this one; none for a top-level group.' }),
      members: members.optional(),
    })
    .meta({ id: 'CreateUserGroup' }),
  update: z
    .strictObject({
      title: title.optional(),
      type: z.enum(userGroupTypes).optional(),
      parentId: idSchema.nullish().meta({
        description:
          'Moves the group with its whole subtree; `null` makes it a top-level group. Under itself or one of its sub-groups: 409.',
      }),
      members: members.optional(),
    })
    .meta({
      id: 'UpdateUserGroup',
      description: 'Only the fields sent change; `members` replaces the list.',
    }),
  schema: z
    .object({
      ...settingBase,
      kind: z.literal('user-group'),
      type: z.enum(userGroupTypes),
      parentId: z.string().optional(),
      members: z.array(z.string()),
      path: z
        .array(z.object({ id: z.string(), title: z.string() }))
        .optional()
        .meta({ description: 'The groups above, from the top down (when one group is read).' }),
    })
    .meta({ id: 'UserGroup' }),
};

export const categoryListQuery = z.strictObject({
  ...pageQuery,
  appliesTo: z
    .enum(['account', 'contact'])
    .optional()
    .meta({ description: 'Only categories that may be put on accounts (or contacts): that scope or both.' }),
  active: z.enum(['true', 'false']).optional(),
});

export const userGroupListQuery = z.strictObject({
  ...pageQuery,
  parentId: z
    .union([idSchema, z.literal('root')])
    .optional()
    .meta({ description: 'Only the direct sub-groups of this group; `root`: the top-level groups.' }),
});

export const reorderBody = z
  .strictObject({
    ids: z
      .array(idSchema)
      .min(1)
      .max(maxReorder)
      .meta({ description: 'Every one of the list, in the new order; they get the orders 1, 2, 3 …' }),
  })
  .meta({ id: 'Reorder' });

export const moveCustomersBody = z
  .strictObject({ toIndustryId: idSchema.meta({ description: 'The industry the accounts move to.' }) })
  .meta({ id: 'MoveCustomers' });

export const industryDeleteQuery = z.strictObject({
  replaceWith: idSchema.optional().meta({
    description:
      'Moves the industry’s accounts to this industry first (as a move-customers job, answered with 202 and the job), then deletes it.',
  }),
});

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.literal('move-customers'),
    state: z.enum(jobStates),
    total: z.int().meta({ description: 'Accounts to handle.' }),
    done: z.int().meta({ description: 'Accounts moved; done = total when the job is done.' }),
    skipped: z
      .int()
      .meta({ description: 'Accounts that could not be moved; the first ones are in failures.' }),
    failures: z.array(z.object({ accountId: z.string(), reason: z.string() })),
    fromIndustryId: z.string(),
    toIndustryId: z.string(),
    deleteSourceWhenDone: z.boolean(),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    startedAt: z.iso.datetime().optional(),
    finishedAt: z.iso.datetime().optional(),
    error: z.string().optional(),
    version: z.int(),
  })
  .meta({ id: 'Job' });

export const pageOfKind = {
  category: pageOf(categoryBodies.schema, 'CategoryPage'),
  industry: pageOf(industryBodies.schema, 'IndustryPage'),
  'status-type': pageOf(statusTypeBodies.schema, 'StatusTypePage'),
  'contact-type': pageOf(contactTypeBodies.schema, 'ContactTypePage'),
  keyword: pageOf(keywordBodies.schema, 'KeywordPage'),
  'deal-stage': pageOf(dealStageBodies.schema, 'DealStagePage'),
  'loss-reason': pageOf(lossReasonBodies.schema, 'LossReasonPage'),
  'deal-type': pageOf(dealTypeBodies.schema, 'DealTypePage'),
  'user-group': pageOf(userGroupBodies.schema, 'UserGroupPage'),
};

export const statusTypeList = z
  .object({ items: z.array(statusTypeBodies.schema) })
  .meta({ id: 'StatusTypeList' });
export const dealStageList = z
  .object({ items: z.array(dealStageBodies.schema) })
  .meta({ id: 'DealStageList' });
