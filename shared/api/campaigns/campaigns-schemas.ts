import * as z from 'zod';
import { auditFields, lineText, multilineText, pageOf } from '#api/common/common-schemas';
import { campaignChannels, maxCampaignCodeLength } from '#domain/campaigns/campaign';
import { campaignCounters, funnelSteps } from '#domain/campaigns/campaign-funnel';

const day = z.iso.date().meta({ example: '2027-03-01' });
const amountMinor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. EUR');
const name = lineText.min(1).max(200);
const channel = z.enum(campaignChannels);
const period = z.strictObject({ from: day, to: day }).meta({ description: 'Both days included.' });
const code = lineText.min(1).max(100);
const description = multilineText.max(2000);

const campaignCode = lineText.min(1).max(maxCampaignCodeLength).meta({
  description:
    'The `utm_campaign` of the campaign’s links, and the campaign a lead platform sends: a lead whose `attribution.campaign` is this code (trimmed, any case) counts for the campaign. Unique in the tenant; it never changes.',
  example: 'spring-heat-2027',
});

export const createCampaignBody = z
  .strictObject({
    name,
    channel,
    period,
    budget: z.strictObject({
      amountMinor,
      currency: currency.optional().meta({ description: 'The tenant’s currency when absent.' }),
    }),
    codes: z.strictObject({
      campaign: campaignCode,
      source: code.optional().meta({ description: 'The `utm_source` its links carry.' }),
      medium: code.optional().meta({ description: 'The `utm_medium` its links carry.' }),
    }),
    description: description.optional(),
  })
  .meta({ id: 'CreateCampaign' });

export const updateCampaignBody = z
  .strictObject({
    name: name.optional(),
    channel: channel.optional(),
    period: period.optional(),
    budget: z.strictObject({ amountMinor, currency }).optional(),
    source: code.nullish().meta({ description: 'The `utm_source`; null clears it.' }),
    medium: code.nullish().meta({ description: 'The `utm_medium`; null clears it.' }),
    description: description.nullish(),
  })
  .meta({ id: 'UpdateCampaign' });

const money = z.object({ amountMinor: z.int(), currency: z.string() }).meta({ id: 'CampaignMoney' });

export const campaignSchema = z
  .object({
    ...auditFields,
    name: z.string(),
    channel,
    period: z.object({ from: z.string(), to: z.string() }),
    budget: money,
    codes: z.object({ campaign: z.string(), source: z.string().optional(), medium: z.string().optional() }),
    description: z.string().optional(),
  })
  .meta({ id: 'Campaign' });

const headline = {
  leads: z.int(),
  contractsSigned: z.int(),
  contractValue: z
    .array(money)
    .meta({ description: 'The signed contracts’ offered annual cost, minor units, per currency.' }),
  costPerLead: money
    .optional()
    .meta({ description: 'Budget / leads, rounded half up; absent without leads.' }),
  costPerContract: money
    .optional()
    .meta({ description: 'Budget / signed contracts, rounded half up; absent without contracts.' }),
};

export const campaignSummaryPage = pageOf(
  z.object({ campaign: campaignSchema, headline: z.object(headline) }).meta({ id: 'CampaignSummary' }),
  'CampaignSummaryPage',
);

export const campaignReportSchema = z
  .object({
    campaign: campaignSchema,
    ...headline,
    counts: z.object(Object.fromEntries(campaignCounters.map((n) => [n, z.int()]))).meta({
      description:
        'Prospects counted once each: leads, MQL, SQL, with a meeting, with a deal, with an offer, won; contracts signed; contacts who clicked a newsletter link with the code.',
    }),
    funnel: z
      .array(z.object({ step: z.enum(funnelSteps), count: z.int() }))
      .meta({ description: 'Awareness → interest → consideration → intent → evaluation → purchase.' }),
  })
  .meta({ id: 'CampaignReport' });
