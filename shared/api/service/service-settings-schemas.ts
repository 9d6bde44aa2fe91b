import * as z from 'zod';
import { idSchema, lineText, pageOf } from '#api/common/common-schemas';
import {
  assignmentMethods,
  caseChannels,
  casePriorities,
  holidayCountries,
  socialPlatforms,
  weekdays,
} from '#domain/service/service-settings';

/** Ids the tenant gives its own calendars, levels and rules. */
const localId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and -');
const time = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time HH:MM');
const day = z.iso.date();

const openingHours = z.strictObject({
  from: time,
  to: time.meta({ description: '`24:00` for midnight at the end of the day.' }),
});

const calendarSchema = z
  .strictObject({
    id: localId,
    name: lineText.min(1).max(100),
    timeZone: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, 'an IANA time zone')
      .max(64)
      .meta({ example: 'Europe/Stockholm' }),
    weekly: z.strictObject(
      Object.fromEntries(weekdays.map((d) => [d, z.array(openingHours).max(6)])) as Record<
        (typeof weekdays)[number],
        z.ZodArray<typeof openingHours>
      >,
    ),
    holidayCountry: z
      .enum(holidayCountries)
      .optional()
      .meta({ description: 'Adds the country’s public holidays (shipped as data).' }),
    closedDates: z.array(day).max(400).default([]),
  })
  .meta({
    id: 'BusinessCalendar',
    description: 'Opening hours per weekday in a time zone, and closed days.',
  });

const policySchema = z
  .strictObject({
    supportLevelId: localId,
    priority: z.enum(casePriorities),
    calendarId: localId,
    firstResponseMinutes: z.int().positive(),
    resolutionMinutes: z.int().positive(),
    warnAtBasisPoints: z.int().min(1).max(9999).default(8000),
    escalation: z.strictObject({
      notify: z.boolean(),
      raisePriority: z.boolean(),
      escalationTeamId: idSchema.optional(),
    }),
  })
  .meta({ id: 'SlaPolicy', description: 'Targets in business minutes for one support level and priority.' });

const ruleSchema = z
  .strictObject({
    id: localId,
    name: lineText.min(1).max(100),
    when: z.strictObject({
      caseTypes: z.array(localId).max(50).optional(),
      channels: z.array(z.enum(caseChannels)).optional(),
      categoryIds: z.array(idSchema).max(50).optional(),
      supportLevelIds: z.array(localId).max(20).optional(),
      territories: z
        .array(z.string().regex(/^[A-Z0-9-]{1,32}$/))
        .max(50)
        .optional(),
      keywords: z.array(lineText.min(1).max(60)).max(50).optional(),
    }),
    teamId: idSchema,
  })
  .meta({
    id: 'CaseRoutingRule',
    description: 'Every given condition must hold; a list holds when any of its values does.',
  });

export const serviceSettingsBody = z
  .strictObject({
    mailbox: z
      .strictObject({ name: lineText.min(1).max(100), address: z.email().max(254) })
      .optional()
      .meta({ description: 'Customers write here; replies come from here (a verified SES identity).' }),
    webFormKeys: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _'))
      .max(20)
      .default([]),
    socialPages: z
      .array(z.strictObject({ platform: z.enum(socialPlatforms), pageId: z.string().regex(/^[0-9]{1,32}$/) }))
      .max(20)
      .default([]),
    caseTypes: z
      .array(z.strictObject({ code: localId, title: lineText.min(1).max(100) }))
      .min(1)
      .max(100),
    calendars: z.array(calendarSchema).min(1).max(20),
    supportLevels: z
      .array(
        z.strictObject({
          id: localId,
          name: lineText.min(1).max(100),
          categoryIds: z.array(idSchema).max(50).default([]),
        }),
      )
      .min(1)
      .max(20),
    defaultSupportLevelId: localId,
    policies: z.array(policySchema).max(100),
    teams: z
      .array(
        z.strictObject({
          groupId: idSchema,
          method: z.enum(assignmentMethods),
          capacityPerMember: z.int().min(1).max(1000),
          leadUserId: lineText.min(1).max(128).optional(),
        }),
      )
      .max(50)
      .default([]),
    routingRules: z.array(ruleSchema).max(100).default([]),
    defaultTeamId: idSchema.optional(),
    workOrderTypes: z
      .array(
        z.strictObject({
          code: localId,
          title: lineText.min(1).max(100),
          durationMinutes: z.int().min(15).max(480).meta({ description: 'Whole quarter hours.' }),
          requiredSkills: z.array(localId).max(10).default([]),
          meterExchange: z
            .boolean()
            .default(false)
            .meta({ description: 'Completing it records the meter readings of a meter exchange.' }),
        }),
      )
      .max(50)
      .optional()
      .meta({
        description: 'The field work the tenant does: what work orders may be. Kept as stored when not sent.',
      }),
  })
  .meta({ id: 'ServiceSettingsInput' });

export const serviceSettingsSchema = serviceSettingsBody
  .extend({
    tenantId: z.string(),
    version: z.int().meta({ description: '0 for the defaults before any are stored; the ETag.' }),
    updatedAt: z.iso.datetime().optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'ServiceSettings', description: 'The tenant’s customer-service set-up.' });

export const accountParams = z.object({ accountId: idSchema });
export const entitlementParams = z.object({ accountId: idSchema, entitlementId: idSchema });

export const entitlementBody = z
  .strictObject({
    supportLevelId: localId,
    contractId: idSchema.optional().meta({ description: 'The contract the level was bought with.' }),
    validFrom: day,
    validTo: day.optional().meta({ description: 'The last day; open-ended when absent.' }),
  })
  .meta({ id: 'EntitlementInput' });

export const entitlementSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    accountId: z.string(),
    contractId: z.string().optional(),
    supportLevelId: z.string(),
    validFrom: z.string(),
    validTo: z.string().optional(),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
    version: z.int(),
    deletedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Entitlement', description: 'A support level an account bought, for a period.' });

export const entitlementList = z
  .object({ items: z.array(entitlementSchema) })
  .meta({ id: 'EntitlementList' });

export const rejectedMailSchema = z
  .object({
    id: z.string(),
    tenantId: z.string().optional(),
    objectKey: z.string(),
    reason: z.string(),
    detail: z.string(),
    from: z.string().optional(),
    subject: z.string().optional(),
    at: z.iso.datetime(),
  })
  .meta({
    id: 'RejectedMail',
    description: 'Inbound mail that became no case, with the reason; the raw message stays in the bucket.',
  });

export const rejectedMailPage = pageOf(rejectedMailSchema, 'RejectedMailPage');
