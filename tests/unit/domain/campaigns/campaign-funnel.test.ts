import { describe, expect, it } from 'vitest';
import {
  additions,
  campaignOfLead,
  contractMilestone,
  dealMilestones,
  leadMilestones,
} from '#domain/campaigns/campaign-funnel';
import { campaignCodeOfLink } from '#domain/campaigns/campaign-links';
import type { DealStageSnapshot } from '#domain/sales/deals/deal';
import type { Lead, LeadStage } from '#domain/sales/leads/lead';

function lead(stages: LeadStage[], overrides: Partial<Lead> = {}): Lead {
  const at = '2027-03-02T08:00:00.000Z';
  return {
    id: '01JCAMPAIGNLEAD00000000000',
    tenantId: 'se-1',
    createdAt: at,
    createdBy: 'webhook',
    updatedAt: at,
    updatedBy: 'webhook',
    version: 1,
    lastName: 'Lindqvist',
    email: 'lindqvist@example.se',
    segment: 'B2C',
    attribution: { source: 'portal', campaign: ' Spring-Heat ' },
    stage: stages.at(-1) ?? 'lead',
    stageHistory: stages.map((stage) => ({ stage, at, by: 'anna' })),
    score: 0,
    scoreLines: [],
    engagement: { emailsOpened: 0, meetings: 0 },
    possibleDuplicates: [],
    ...overrides,
  };
}

const stage = (status: DealStageSnapshot['status']): DealStageSnapshot => ({
  id: status,
  title: status,
  status,
  probabilityBasisPoints: status === 'won' ? 10_000 : 2_500,
});

const names = (milestones: { milestone: string }[]) => milestones.map((m) => m.milestone);

describe('the campaign funnel mapping', () => {
  it('finds a lead’s campaign by its code, trimmed and case-blind, and none without one', () => {
    expect(campaignOfLead(lead(['lead']))).toBe('spring-heat');
    expect(
      campaignOfLead(lead(['lead'], { attribution: { source: 'manual', campaign: '  ' } })),
    ).toBeUndefined();
    expect(campaignOfLead(lead(['lead'], { attribution: { source: 'manual' } }))).toBeUndefined();
  });

  it('reads what a lead reached: a skipped marketing qualification counts, a disqualified lead stays a lead', () => {
    expect(names(leadMilestones(lead(['lead'])))).toEqual(['lead']);
    expect(names(leadMilestones(lead(['lead', 'sales-qualified'])))).toEqual(['lead', 'mql', 'sql']);
    expect(names(leadMilestones(lead(['lead', 'disqualified'])))).toEqual(['lead']);
    expect(
      names(
        leadMilestones(
          lead(['lead', 'marketing-qualified'], { engagement: { emailsOpened: 0, meetings: 1 } }),
        ),
      ),
    ).toEqual(['lead', 'mql', 'meeting']);
    expect(leadMilestones(lead(['lead'], { deletedAt: '2027-03-03T08:00:00.000Z' }))).toEqual([]);
  });

  it('maps a converted lead and its deal to the deal, and a won deal to won too', () => {
    const converted = lead(['lead', 'sales-qualified', 'converted'], {
      conversion: {
        accountId: 'a',
        contactId: 'c',
        dealId: 'd',
        convertedAt: '2027-03-04T08:00:00.000Z',
        convertedBy: 'anna',
      },
    });
    expect(names(leadMilestones(converted))).toEqual(['lead', 'mql', 'sql', 'deal']);
    expect(names(dealMilestones({ stage: stage('open') }))).toEqual(['deal']);
    expect(names(dealMilestones({ stage: stage('won') }))).toEqual(['deal', 'won']);
  });

  it('makes each signed contract a purchase with its value in its currency', () => {
    expect(contractMilestone({ id: 'k1', currency: 'SEK', offeredAnnualCost: 1_234_500 })).toEqual({
      milestone: 'contract:k1',
      step: 'purchase',
      amounts: { contractsSigned: 1, 'contractValue:SEK': 1_234_500 },
    });
  });

  it('counts every step up to the furthest once: a contract first passes all six, the lead after adds no step', () => {
    // Act
    const first = additions(-1, [contractMilestone({ id: 'k1', currency: 'SEK', offeredAnnualCost: 900 })]);
    const later = additions(first.furthest, leadMilestones(lead(['lead', 'marketing-qualified'])));

    // Assess
    expect(first).toEqual({
      furthest: 5,
      amounts: {
        contractsSigned: 1,
        'contractValue:SEK': 900,
        awareness: 1,
        interest: 1,
        consideration: 1,
        intent: 1,
        evaluation: 1,
        purchase: 1,
      },
    });
    expect(later).toEqual({ furthest: 5, amounts: { leads: 1, mql: 1 } });
  });

  it('moves a new lead past awareness and interest, and a qualified one on to consideration only', () => {
    const created = additions(-1, leadMilestones(lead(['lead'])));
    expect(created).toEqual({ furthest: 1, amounts: { leads: 1, awareness: 1, interest: 1 } });
    expect(
      additions(created.furthest, leadMilestones(lead(['lead', 'marketing-qualified'])).slice(1)),
    ).toEqual({
      furthest: 2,
      amounts: { mql: 1, consideration: 1 },
    });
  });

  it('reads the campaign code of a newsletter link from its utm_campaign', () => {
    expect(campaignCodeOfLink('https://energi.example/varme?utm_source=nl&utm_campaign=Spring-Heat')).toBe(
      'spring-heat',
    );
    expect(campaignCodeOfLink('https://energi.example/varme?utm_source=nl')).toBeUndefined();
    expect(campaignCodeOfLink('not a link')).toBeUndefined();
  });
});
