import { describe, expect, it } from 'vitest';
import { type CampaignDraft, createCampaign, updateCampaign } from '#domain/campaigns/campaign';
import { ValidationError } from '#domain/errors';
import type { ChangeContext } from '#domain/stamps';

const ctx: ChangeContext = {
  tenant: { id: 'sk-1', name: 'Test Energia', country: 'SK', currency: 'EUR', timeZone: 'Europe/Bratislava' },
  userId: 'admin',
  now: new Date('2027-02-01T09:00:00Z'),
};

const draft: CampaignDraft = {
  name: 'Jarné teplo',
  channel: 'paid-search',
  period: { from: '2027-03-01', to: '2027-05-31' },
  budget: { amountMinor: 450_000 },
  codes: { campaign: ' Spring-Heat ', source: 'google', medium: 'cpc' },
};

const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map((f) => f.name);
    throw error;
  }
  return [];
};

describe('a campaign', () => {
  it('takes the tenant’s currency when the budget names none, and keeps its code trimmed', () => {
    const campaign = createCampaign('c1', draft, ctx);
    expect(campaign.budget).toEqual({ amountMinor: 450_000, currency: 'EUR' });
    expect(campaign.codes).toEqual({ campaign: 'Spring-Heat', source: 'google', medium: 'cpc' });
  });

  it('refuses a period that ends before it starts, an impossible day, a negative budget and a blank code, naming each', () => {
    expect(
      fieldsOf(() =>
        createCampaign('c1', { ...draft, period: { from: '2027-05-01', to: '2027-04-30' } }, ctx),
      ),
    ).toEqual(['period.to']);
    expect(
      fieldsOf(() =>
        createCampaign(
          'c1',
          {
            ...draft,
            period: { from: '2027-02-30', to: '2027-03-01' },
            budget: { amountMinor: -1, currency: 'eur' },
            codes: { campaign: '   ' },
          },
          ctx,
        ),
      ),
    ).toEqual(['period.from', 'budget.amountMinor', 'budget.currency', 'codes.campaign']);
  });

  it('changes what a patch gives, clears a null, keeps the code, and is unchanged by a patch of the same values', () => {
    const campaign = createCampaign('c1', draft, ctx);
    const { campaign: next, changes } = updateCampaign(
      campaign,
      { budget: { amountMinor: 500_000, currency: 'EUR' }, medium: null },
      ctx,
    );
    expect(next.version).toBe(2);
    expect(next.codes).toEqual({ campaign: 'Spring-Heat', source: 'google' });
    expect(changes.map((c) => c.field).sort()).toEqual(['budget', 'codes']);
    expect(updateCampaign(campaign, { name: 'Jarné teplo' }, ctx)).toEqual({ campaign, changes: [] });
  });
});
