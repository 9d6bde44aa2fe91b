import type { Campaign } from '#domain/campaigns/campaign';
import { uniqueEntity } from '#table/core/entities';
import { defineEntity } from '#table/core/entity';
import { tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A campaign's partition; the subject of its events and history. */
export const campaignPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#CAMPAIGN#${text('campaignId')}`,
);

export const campaignEntity = /* @__PURE__ */ defineEntity<Campaign>()(() => ({
  name: 'Campaign',
  description:
    'A marketing campaign; live ones in the tenant’s list (gsi2), a deleted one kept off it with its code still claimed.',
  key: { pk: campaignPartition, sk: key`CAMPAIGN` },
  indexes: { gsi2: { pk: key`T#${tenant}#CAMPAIGNS`, sk: key`${ulid('campaignId')}` } },
  patterns: {
    byId: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
    live: { index: 'gsi2', order: 'descending', operation: 'Query, a page at a time' },
  },
}));

export const campaignCodeEntity = /* @__PURE__ */ defineEntity<{ readonly ownerId: string }>()(() => ({
  name: 'CampaignCode',
  storedAs: uniqueEntity.stored,
  description:
    'Guard: one campaign per campaign code (trimmed, lower-cased) in a tenant, claimed with the campaign and kept when it is deleted.',
  key: { pk: key`T#${tenant}#CAMPAIGNCODE#${text('code')}`, sk: key`UNIQUE` },
  patterns: {
    ofCode: { index: 'table', sortKey: 'equals', operation: 'conditional Put in the campaign’s transaction' },
  },
}));

export const campaignTotalsEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'CampaignTotals',
  description:
    'The funnel totals of a campaign code: leads, MQL, SQL, meetings, deals, offers, won, contracts signed, clicks, `contractValue:<currency>` and the six funnel steps, each ADDed in the transaction that records what a prospect reached.',
  key: { pk: key`T#${tenant}#CAMPAIGNTOTALS#${text('code')}`, sk: key`TOTALS` },
  patterns: {
    ofCode: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem (report), BatchGetItem (a page of campaigns); ADD in the prospect’s transaction',
    },
  },
}));

export const campaignProspectEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'CampaignProspect',
  description:
    'What a lead (with its deal, offers and contracts) reached for its campaign: the milestones counted, its furthest funnel step, a version that orders the writes.',
  key: { pk: key`T#${tenant}#CAMPAIGNPROSPECT#${text('leadId')}`, sk: key`PROSPECT` },
  patterns: {
    ofLead: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; versioned Put in the transaction that ADDs to its campaign’s totals',
    },
  },
}));

export const campaignClickEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'CampaignClick',
  description:
    'A newsletter link click counted for a campaign code: one per contact (or per mail event without a contact).',
  key: { pk: key`T#${tenant}#CAMPAIGNCLICK#${text('code')}#${text('clickId')}`, sk: key`CLICK` },
  patterns: {
    ofClicker: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put in the transaction that ADDs the click',
    },
  },
}));
