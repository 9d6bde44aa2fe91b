import * as z from 'zod';
import {
  auditFields,
  idSchema,
  lineText,
  multilineText,
  pageOf,
  pageQuery,
} from '#api/common/common-schemas';
import { caseStatuses, caseTimerNames, messageKinds } from '#domain/service/case';
import { caseChannels, casePriorities } from '#domain/service/service-settings';

/** Codes of the tenant's lists (case types): lower-case words with hyphens. */
const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and -');
const instant = z.iso.datetime();
/** A user id: `null` as an owner puts a case back in its team's queue. */
const userId = lineText.min(1).max(128);

export const caseParams = z.object({ caseId: idSchema });
export const teamParams = z.object({ teamId: idSchema });

export const caseListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(caseStatuses).optional().meta({ description: 'Only cases in this status.' }),
  teamId: idSchema.optional().meta({ description: 'Only cases of this team.' }),
  accountId: idSchema.optional().meta({ description: 'Only cases of this account.' }),
});

export const breachingQuery = z.strictObject({
  ...pageQuery,
  withinMinutes: z.coerce.number().int().min(0).max(10_080).default(60).meta({
    description: 'Cases whose next target falls due within this many minutes (or is overdue).',
  }),
});

const slaTarget = z
  .object({
    minutes: z.int().meta({ description: 'Business minutes allowed.' }),
    startedAt: instant,
    dueAt: instant.meta({
      description: 'Start plus the minutes plus the paused minutes, on the business calendar.',
    }),
    warnAt: instant,
    pausedMinutes: z.int().meta({ description: 'Business minutes spent waiting on the customer, kept.' }),
    pausedSince: instant.optional(),
    metAt: instant.optional(),
    breachedAt: instant.optional(),
    status: z.enum(['running', 'paused', 'met', 'breached']),
  })
  .meta({ id: 'SlaTarget', description: 'One target’s clock. A met or breached target stays so.' });

const slaTargetView = slaTarget
  .extend({
    businessMinutesLeft: z.int().meta({ description: 'Negative when overdue; 0 once met.' }),
    pausedMinutesSoFar: z.int().meta({ description: 'Including the pause in progress.' }),
  })
  .meta({ id: 'SlaTargetView', description: 'A target as of now: time left and paused time.' });

const slaSchema = (target: z.ZodType) =>
  z.object({
    supportLevelId: z.string(),
    priority: z.enum(casePriorities),
    calendarId: z.string(),
    warnAtBasisPoints: z.int(),
    firstResponse: target,
    resolution: target,
    timers: z
      .partialRecord(z.enum(caseTimerNames), instant)
      .meta({ description: 'When each pending timer fires.' }),
    fired: z.array(z.enum(caseTimerNames)),
  });

const caseFields = {
  ...auditFields,
  number: z
    .int()
    .meta({ description: 'Per tenant, without gaps; shown and used in mail subjects as `C-<number>`.' }),
  subject: z.string(),
  description: z.string(),
  type: z.string().optional(),
  priority: z.enum(casePriorities),
  channel: z.enum(caseChannels),
  status: z.enum(caseStatuses).meta({
    description:
      'new → open → waiting-on-customer | waiting-on-third-party → resolved → closed; resolved or closed → open reopens.',
  }),
  statusChangedAt: instant,
  accountId: z.string().optional(),
  contactId: z.string().optional(),
  supplyPointId: z.string().optional(),
  requester: z
    .object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })
    .optional(),
  ownerId: z.string().optional(),
  teamId: z.string().optional(),
  routedBy: z.string().optional().meta({ description: 'The routing rule that chose the team.' }),
  tags: z.array(z.string()),
  conversation: z.object({ key: z.string() }).optional(),
  firstRespondedAt: instant.optional(),
  resolvedAt: instant.optional(),
  closedAt: instant.optional(),
  reopenCount: z.int(),
  messageCount: z.int(),
  lastMessageAt: instant.optional(),
};

export const caseSchema = z
  .object({ ...caseFields, sla: slaSchema(slaTarget) })
  .meta({ id: 'Case', description: 'A customer-service case with its clocks.' });

export const caseViewSchema = z
  .object({ ...caseFields, sla: slaSchema(slaTargetView) })
  .meta({ id: 'CaseView', description: 'A case with each target’s time left and paused time as of now.' });

export const casePage = pageOf(caseSchema, 'CasePage');

export const caseSummarySchema = z
  .object({
    id: z.string(),
    number: z.int(),
    subject: z.string(),
    status: z.enum(caseStatuses),
    priority: z.enum(casePriorities),
    channel: z.enum(caseChannels),
    type: z.string().optional(),
    teamId: z.string().optional(),
    ownerId: z.string().optional(),
    accountId: z.string().optional(),
    contactId: z.string().optional(),
    dueAt: instant.optional().meta({ description: 'The earliest due time of a running target.' }),
    updatedAt: instant,
  })
  .meta({ id: 'CaseSummary', description: 'An open case as a queue lists it.' });

export const caseSummaryPage = pageOf(caseSummarySchema, 'CaseSummaryPage');

const attachmentSchema = z.object({
  attachmentId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.int(),
});

export const caseMessageSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    caseId: z.string(),
    kind: z.enum(messageKinds),
    channel: z.enum(caseChannels),
    at: instant,
    authorId: z.string().optional(),
    from: z.string().optional(),
    fromName: z.string().optional(),
    to: z.string().optional(),
    subject: z.string().optional(),
    text: z.string(),
    rawMailKey: z.string().optional().meta({ description: 'The whole mail in the files bucket.' }),
    mailMessageId: z.string().optional(),
    providerMessageId: z.string().optional(),
    automatic: z
      .boolean()
      .optional()
      .meta({ description: 'An automatic mail (out of office, bulk): it opens and reopens nothing.' }),
    attachments: z.array(attachmentSchema),
  })
  .meta({ id: 'CaseMessage', description: 'One message of a case’s thread.' });

export const caseMessagePage = pageOf(caseMessageSchema, 'CaseMessagePage');

const link = (what: string) => idSchema.optional().meta({ description: `The ${what} the case is about.` });

export const openCaseBody = z
  .strictObject({
    subject: lineText.min(1).max(200),
    description: multilineText.max(10_000).default(''),
    type: code.optional().meta({ description: 'A case type code of the service settings.' }),
    priority: z.enum(casePriorities).optional().meta({ description: '`normal` when not given.' }),
    channel: z
      .enum(caseChannels)
      .default('phone')
      .meta({ description: 'How the customer got in touch; `phone` for a call taken now.' }),
    accountId: link('account'),
    contactId: link('contact (its account follows)'),
    supplyPointId: link('supply point'),
    requester: z
      .strictObject({
        name: lineText.max(200).optional(),
        email: z.email().max(254).optional(),
        phone: lineText.max(40).optional(),
      })
      .optional()
      .meta({ description: 'Who got in touch, when they are no known contact.' }),
    teamId: idSchema.optional().meta({ description: 'A team instead of routing.' }),
    ownerId: userId.optional(),
    tags: z.array(lineText.min(1).max(50)).max(20).optional(),
  })
  .meta({ id: 'OpenCase' });

export const updateCaseBody = z
  .strictObject({
    subject: lineText.min(1).max(200).optional(),
    description: multilineText.max(10_000).optional(),
    type: code.nullable().optional(),
    priority: z.enum(casePriorities).optional().meta({ description: 'Re-plans the open targets.' }),
    tags: z.array(lineText.min(1).max(50)).max(20).optional(),
    supplyPointId: idSchema.nullable().optional(),
  })
  .meta({ id: 'UpdateCase' });

export const assignCaseBody = z
  .strictObject({
    teamId: idSchema.optional(),
    ownerId: userId.nullable().optional(),
  })
  .refine((b) => b.teamId !== undefined || b.ownerId !== undefined, {
    message: 'give teamId, ownerId or both',
  })
  .meta({ id: 'AssignCase' });

export const caseStatusBody = z
  .strictObject({ status: z.enum(caseStatuses) })
  .meta({ id: 'CaseStatusChange' });

export const noteBody = z.strictObject({ text: multilineText.min(1).max(10_000) }).meta({ id: 'CaseNote' });

export const replyBody = z
  .strictObject({
    text: multilineText.min(1).max(20_000),
    status: z
      .enum(caseStatuses)
      .optional()
      .meta({ description: 'The status the case moves to with the reply, e.g. `waiting-on-customer`.' }),
  })
  .meta({ id: 'CaseReply' });

export const attachmentParams = z.object({
  caseId: idSchema,
  attachmentId: z.string().regex(/^[0-9A-Z]{26}-\d{1,3}$/),
});

export const downloadSchema = z
  .object({ url: z.string(), fileName: z.string() })
  .meta({ id: 'CaseFileDownload' });
