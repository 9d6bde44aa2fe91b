import * as z from 'zod';
import { idSchema, lineText, multilineText } from '#api/common/common-schemas';
import { userIdSchema } from '#api/users/users-schemas';
import { customerTypes } from '#domain/accounts/account';
import { commodities } from '#domain/energy/supply-point-identifier';
import { engagementKinds } from '#domain/sales/leads/lead';
import {
  defaultValidityDays,
  maxDays,
  maxPoints,
  maxRulesPerList,
  maxScore,
  nurtureDescriptionMaxLength,
  nurtureStages,
  nurtureTitleMaxLength,
  ruleIdPattern,
  ruleTextMaxLength,
  scoringAttributes,
} from '#domain/sales/sales-settings';

const ruleId = z.string().regex(ruleIdPattern, '1–40 letters, digits, . _ or -').meta({
  description: 'Chosen by you, unique within its list; a lead’s score lines name the rules by it.',
  example: 'b2b-electricity',
});
const points = z.int().min(-maxPoints).max(maxPoints);
const score = z.int().min(-maxScore).max(maxScore);
const ruleText = lineText.min(1).max(ruleTextMaxLength);
const kwh = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const days = z.int().min(1).max(maxDays);
const rules = <T extends z.ZodType>(rule: T) =>
  z
    .array(rule)
    .max(maxRulesPerList)
    .meta({ description: `At most ${maxRulesPerList}; ids unique.` });

const attributeRule = z
  .strictObject({
    id: ruleId,
    kind: z.literal('attribute'),
    attribute: z
      .enum(scoringAttributes)
      .meta({ description: '`source` and `campaign` are those of the lead’s attribution.' }),
    equals: ruleText.meta({
      description: 'Compared ignoring case. A segment is B2B or B2C; a commodity one of the commodities.',
      example: 'B2B',
    }),
    points,
  })
  .meta({ id: 'AttributeScoringRule', description: 'Points when the lead’s attribute has this value.' });

const consumptionRule = z
  .strictObject({
    id: ruleId,
    kind: z.literal('consumption'),
    atLeastKwh: kwh,
    belowKwh: kwh.optional().meta({ description: 'Above atLeastKwh; no upper bound when left out.' }),
    points,
  })
  .meta({
    id: 'ConsumptionScoringRule',
    description: 'Points when the lead’s annual consumption is at least atLeastKwh and below belowKwh.',
  });

const activityRule = z
  .strictObject({
    id: ruleId,
    kind: z.literal('activity'),
    activity: z.enum(engagementKinds),
    pointsEach: points.meta({ description: 'For each e-mail opened or meeting held.' }),
    maxPoints: z
      .int()
      .min(1)
      .max(maxPoints)
      .meta({ description: 'The most the rule adds (or, with negative pointsEach, takes away).' }),
  })
  .meta({ id: 'ActivityScoringRule', description: 'Points for what the lead did.' });

const scoringRule = z
  .discriminatedUnion('kind', [attributeRule, consumptionRule, activityRule])
  .meta({ id: 'ScoringRule' });

const routeTarget = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('user'), userId: userIdSchema }),
    z.strictObject({
      type: z.literal('group'),
      groupId: idSchema.meta({
        description: 'A user group: its active members take the leads in turn, in the order of its members.',
      }),
    }),
  ])
  .meta({ id: 'RouteTarget', description: 'A user, or a user group whose members take turns.' });

const routingRule = z
  .strictObject({
    id: ruleId,
    when: z
      .strictObject({
        segment: z.enum(customerTypes).optional(),
        commodity: z.enum(commodities).optional(),
        territoryCode: ruleText.optional().meta({ description: 'Compared ignoring case.' }),
        source: ruleText.optional().meta({ description: 'The lead source, compared ignoring case.' }),
        minScore: score.optional().meta({ description: 'The lead’s score is at least this.' }),
      })
      .meta({ description: 'Every condition given must hold; with none, the rule takes every lead.' }),
    to: routeTarget,
  })
  .meta({ id: 'RoutingRule' });

const nurtureRule = z
  .strictObject({
    id: ruleId,
    stage: z.enum(nurtureStages).meta({ description: 'The stage the lead is in when it is routed.' }),
    afterDays: days.meta({ description: 'The follow-up is due at 09:00 tenant time this many days later.' }),
    title: lineText.min(1).max(nurtureTitleMaxLength),
    description: multilineText.max(nurtureDescriptionMaxLength).optional(),
  })
  .meta({
    id: 'NurtureRule',
    description: 'When a lead in this stage is routed, its owner gets a one-off follow-up activity.',
  });

const salesRules = {
  scoring: z
    .strictObject({
      rules: rules(scoringRule),
      qualifyAt: score.optional().meta({
        description:
          'A new lead scoring at least this moves to marketing-qualified by itself; never if left out.',
      }),
    })
    .meta({ description: 'The lead’s score is the sum of the points of every rule.' }),
  routing: z.strictObject({
    rules: rules(routingRule).meta({
      description: `The first rule a lead matches wins; at most ${maxRulesPerList}.`,
    }),
    fallback: routeTarget
      .optional()
      .meta({ description: 'Where a lead goes that no rule matches; left unassigned when left out.' }),
  }),
  nurturing: z.strictObject({ rules: rules(nurtureRule) }),
  offers: z.strictObject({
    validityDays: days.meta({ description: `How long an offer holds; ${defaultValidityDays} by default.` }),
  }),
};

export const replaceSalesSettingsBody = z.strictObject(salesRules).meta({
  id: 'ReplaceSalesSettings',
  description: 'Replaces every rule. Routes to users must name active users, routes to groups live groups.',
});

export const salesSettingsSchema = z
  .object({
    ...salesRules,
    version: z.int().meta({
      description: 'Also sent as the ETag; 0 while the defaults hold. Send it back in If-Match to replace.',
    }),
    updatedAt: z.iso.datetime().optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'SalesSettings' });
