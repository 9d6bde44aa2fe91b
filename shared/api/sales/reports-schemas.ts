import * as z from 'zod';
import { monthSchema } from '#api/common/common-schemas';
import { leadStages } from '#domain/sales/leads/lead';
import { pipelineCuts } from '#domain/sales/reports/sales-aggregates';
import { maxReportMonths } from '#domain/sales/reports/sales-report-service';

const month = monthSchema;
const range = {
  from: month('The first month, YYYY-MM.'),
  to: month(`The last month, YYYY-MM: at most ${maxReportMonths} months after \`from\`, counting both.`),
};
const minor = (description: string) => z.int().meta({ description });
const currency = z.string().meta({ description: 'The tenant’s currency, ISO 4217.', example: 'SEK' });

export const forecastQuery = z.strictObject({
  by: z.enum(pipelineCuts).meta({
    description:
      '`owner`: a row per owner and month (a sales user sees only their own); `group`: per user group and month, a deal counting in its owner’s groups and every group above them; `month`: the tenant per month.',
  }),
  ...range,
});

const pipelineFigures = {
  openCount: z.int().meta({ description: 'Open deals expected to close in the month.' }),
  valueMinor: minor('Their expected value, in minor units.'),
  weightedMinor: minor(
    'Their value weighted by their stage’s probability: per deal value × probability ÷ 10 000, rounded half up to minor units, then summed.',
  ),
};

export const forecastSchema = z
  .object({
    by: z.enum(pipelineCuts),
    ...range,
    currency,
    rows: z.array(
      z.object({
        key: z.string().meta({ description: 'The owner’s user id, the group’s id, or the month.' }),
        title: z.string().optional().meta({ description: 'The group’s title.' }),
        month: z.string(),
        ...pipelineFigures,
      }),
    ),
    totals: z.object(pipelineFigures).meta({
      description:
        'Every deal of the report counted once; by group, every deal whose owner is in any group, once however many groups count it.',
    }),
  })
  .meta({
    id: 'ForecastReport',
    description: 'The open pipeline by month of expected close (R-SA-5), rows by month then key.',
  });

export const winLossQuery = z.strictObject(range);

const outcomeFigures = {
  count: z.int(),
  valueMinor: minor('The closed deals’ value, in minor units.'),
};

export const winLossSchema = z
  .object({
    ...range,
    currency,
    rows: z.array(
      z.object({
        outcome: z.enum(['won', 'lost']),
        month: z.string().meta({ description: 'The month the deals closed in (UTC).' }),
        lossReasonId: z.string().optional(),
        title: z.string().optional().meta({ description: 'The loss reason’s title.' }),
        ...outcomeFigures,
      }),
    ),
    totals: z.object({
      won: z.object(outcomeFigures),
      lost: z.object(outcomeFigures),
      winRateBasisPoints: z
        .int()
        .optional()
        .meta({ description: 'Won of all closed deals by count, in basis points; absent when none closed.' }),
    }),
  })
  .meta({
    id: 'WinLossReport',
    description: 'Deals won, and lost by loss reason, per month they closed in (R-SA-5).',
  });

export const funnelQuery = z.strictObject({
  by: z
    .enum(['source', 'campaign'])
    .optional()
    .meta({ description: 'A funnel per lead source or per campaign; the tenant’s funnel without it.' }),
});

export const funnelSchema = z
  .object({
    by: z.enum(['stage', 'source', 'campaign']),
    rows: z.array(
      z.object({
        key: z
          .string()
          .optional()
          .meta({ description: 'The source or campaign; absent for the whole tenant.' }),
        stages: z.array(
          z.object({
            stage: z.enum(leadStages),
            current: z.int().meta({ description: 'Leads in the stage now.' }),
            reached: z.int().meta({
              description:
                'Leads that ever reached the stage; a lead that skipped a stage of the path counts as having passed it.',
            }),
          }),
        ),
      }),
    ),
  })
  .meta({
    id: 'FunnelReport',
    description: 'Leads per lifecycle stage (R-MK-1): every stage, in lifecycle order.',
  });
