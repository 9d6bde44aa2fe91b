import type { Campaign } from './campaign';
import { costPer } from './campaign-costs';
import { type CampaignCounter, campaignCounters, type FunnelStep, funnelSteps } from './campaign-funnel';

/** A campaign's stored counters by name (`leads`, `interest`, `contractValue:EUR` …); absent ones are 0. */
export type CampaignTotals = Readonly<Record<string, number>>;

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export type CampaignCounts = Readonly<Record<CampaignCounter, number>>;

export interface CampaignHeadline {
  readonly leads: number;
  readonly contractsSigned: number;
  /** The signed contracts' offered annual cost, per currency. */
  readonly contractValue: readonly Money[];
  /** Budget / leads, half up; absent before the first lead. */
  readonly costPerLead?: Money;
  /** Budget / signed contracts, half up; absent before the first contract. */
  readonly costPerContract?: Money;
}

export interface CampaignReport extends CampaignHeadline {
  readonly campaign: Campaign;
  readonly counts: CampaignCounts;
  readonly funnel: readonly { readonly step: FunnelStep; readonly count: number }[];
}

const valuePrefix = 'contractValue:';

function contractValue(totals: CampaignTotals): Money[] {
  return Object.entries(totals)
    .filter(([name, amount]) => name.startsWith(valuePrefix) && amount !== 0)
    .map(([name, amountMinor]) => ({ currency: name.slice(valuePrefix.length), amountMinor }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

const count = (totals: CampaignTotals, name: string) => totals[name] ?? 0;

export function headlineOf(campaign: Campaign, totals: CampaignTotals): CampaignHeadline {
  const { amountMinor, currency } = campaign.budget;
  const cost = (n: number) => {
    const per = costPer(amountMinor, n);
    return per === undefined ? undefined : { amountMinor: per, currency };
  };
  const leads = count(totals, 'leads');
  const contractsSigned = count(totals, 'contractsSigned');
  const perLead = cost(leads);
  const perContract = cost(contractsSigned);
  return {
    leads,
    contractsSigned,
    contractValue: contractValue(totals),
    ...(perLead ? { costPerLead: perLead } : {}),
    ...(perContract ? { costPerContract: perContract } : {}),
  };
}

/** The report of one campaign, from its totals alone. */
export function reportOf(campaign: Campaign, totals: CampaignTotals): CampaignReport {
  return {
    campaign,
    ...headlineOf(campaign, totals),
    counts: Object.fromEntries(campaignCounters.map((name) => [name, count(totals, name)])) as CampaignCounts,
    funnel: funnelSteps.map((step) => ({ step, count: count(totals, step) })),
  };
}
