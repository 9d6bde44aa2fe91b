import type { Deal } from '#domain/sales/deals/deal';
import type { Lead } from '#domain/sales/leads/lead';
import type { LeadSource } from '#domain/sales/leads/lead-source';
import type { Offer, OfferVersion } from '#domain/sales/offers/offer';
import type { OfferDocument } from '#domain/sales/offers/offer-document';
import type { ForecastBucket } from '#domain/sales/reports/forecast';
import type { FunnelBucket } from '#domain/sales/reports/funnel';
import type { SalesSettings } from '#domain/sales/sales-settings';
import { accountPartition } from '#table/accounts/entities';
import { uniqueEntity } from '#table/core/entities';
import { defineEntity } from '#table/core/entity';
import { date, folded, oneOf, orElse, padded, tenant, text, ulid } from '#table/core/facets';
import { type ItemKey, key, sharedKey } from '#table/core/key-template';

/** A lead source's partition. */
export const leadSourcePartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#LEADSOURCE#${text('sourceId')}`,
);

/** A lead's partition. */
export const leadPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#LEAD#${text('leadId')}`);

/** A deal's partition: the deal, and the guard of its one accepted offer; its offers' collection on gsi1. */
export const dealPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#DEAL#${text('dealId')}`);
/** An offer's partition: the header and its versions. */
export const offerPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#OFFER#${text('offerId')}`);

export const leadEntity = /* @__PURE__ */ defineEntity<Lead>()(() => ({
  name: 'Lead',
  description: 'A lead, in its lifecycle stage’s list (gsi1) and its owner’s (gsi2, `-` for the unassigned).',
  key: { pk: leadPartition, sk: key`LEAD` },
  indexes: {
    gsi1: { pk: key`T#${tenant}#LEADS#STAGE#${text('stage')}`, sk: key`${ulid('leadId')}` },
    gsi2: { pk: key`T#${tenant}#LEADS#OWNER#${orElse('ownerId', '-')}`, sk: key`${ulid('leadId')}` },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; versioned Put with its match items',
    },
    inStage: { index: 'gsi1', order: 'descending', operation: 'Query' },
    ofOwner: { index: 'gsi2', order: 'descending', operation: 'Query' },
  },
}));

export const leadMatchKinds = ['email', 'phone'] as const;
export type LeadMatchKind = (typeof leadMatchKinds)[number];

export const leadMatchEntity = /* @__PURE__ */ defineEntity<{ readonly leadId: string }>()(() => ({
  name: 'LeadMatch',
  description: 'Duplicate detection: one item per lead and e-mail or phone, in the value’s partition.',
  key: {
    pk: key`T#${tenant}#LEADMATCH#${oneOf('kind', leadMatchKinds)}#${text('value')}`,
    sk: key`LEAD#${ulid('leadId')}`,
  },
  patterns: {
    leadsWithValue: {
      index: 'table',
      operation: 'Query (limit 20), one per value; Put/Delete in the lead’s transaction',
    },
  },
}));

export const leadReferenceEntity = /* @__PURE__ */ defineEntity<{ readonly ownerId: string }>()(() => ({
  name: 'LeadReference',
  storedAs: uniqueEntity.stored,
  description:
    'Guard: one lead per lead source and the id the source gave it (`attribution.externalId`), claimed when the source delivers it, so an inquiry sent again makes no second lead.',
  key: { pk: key`T#${tenant}#LEADREF#${text('sourceId')}#${text('externalId')}`, sk: key`UNIQUE` },
  patterns: {
    ofReference: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put in the delivered lead’s transaction; consistent GetItem when that fails',
    },
  },
}));

export const leadSourceEntity = /* @__PURE__ */ defineEntity<LeadSource>()(() => ({
  name: 'LeadSource',
  description: 'A lead platform and its mapping; its signing secret lives in Secrets Manager.',
  key: { pk: leadSourcePartition, sk: key`LEADSOURCE` },
  indexes: { gsi2: { pk: key`T#${tenant}#LEADSOURCES`, sk: key`${folded('name')}#${text('sourceId')}` } },
  patterns: {
    byId: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
    byName: { index: 'gsi2', operation: 'Query' },
  },
}));

export const webhookRouteEntity = /* @__PURE__ */ defineEntity<{ readonly tenantId: string }>()(() => ({
  name: 'WebhookRoute',
  description:
    'The one key without a tenant: a webhook’s path names only its lead source, and this item names the tenant.',
  key: { pk: key`WEBHOOK#LEADSOURCE#${text('sourceId')}`, sk: key`ROUTE` },
  patterns: {
    tenantOfSource: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; conditional Put with its lead source',
    },
  },
}));

export const salesSettingsEntity = /* @__PURE__ */ defineEntity<SalesSettings>()(() => ({
  name: 'SalesSettings',
  description: 'The tenant’s sales rules: scoring, routing, nurturing and offer validity.',
  key: { pk: key`T#${tenant}#SALESSETTINGS`, sk: key`SALESSETTINGS` },
  patterns: {
    ofTenant: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
  },
}));

export const roundRobinEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'RoundRobin',
  description: 'The round-robin counter of a user group: `turn` grows by one with each lead routed to it.',
  key: { pk: key`T#${tenant}#ROUNDROBIN#${text('groupId')}`, sk: key`ROUNDROBIN` },
  patterns: { ofGroup: { index: 'table', sortKey: 'equals', operation: 'UpdateItem ADD turn' } },
}));

/** Whether a deal is still open, or won or lost: its place in its account's collection. */
const dealStatuses = ['OPEN', 'CLOSED'] as const;

export const dealEntity = /* @__PURE__ */ defineEntity<Deal>()(() => ({
  name: 'Deal',
  description:
    'A deal, in its account’s collection (gsi1) under `OPEN` until won or lost, then `CLOSED`, and in the tenant’s deal list (gsi2); deal ids are ULIDs.',
  key: { pk: dealPartition, sk: key`DEAL` },
  indexes: {
    gsi1: { pk: accountPartition, sk: key`DEAL#${oneOf('status', dealStatuses)}#${ulid('dealId')}` },
    gsi2: { pk: key`T#${tenant}#DEALS`, sk: key`${ulid('dealId')}` },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; versioned Put with its member copies',
    },
    all: { index: 'gsi2', order: 'descending', operation: 'Query (admins, viewers)' },
  },
}));

export const dealCopyEntity = /* @__PURE__ */ defineEntity<Deal>()(() => ({
  name: 'DealCopy',
  description: 'A copy of a deal for each user who owns it or takes part in it: “my deals” is one Query.',
  key: { pk: key`T#${tenant}#USERDEALS#${text('userId')}`, sk: key`DEAL#${ulid('dealId')}` },
  patterns: {
    ofUser: {
      index: 'table',
      order: 'descending',
      operation: 'Query; Put/Delete in the deal’s transaction',
    },
  },
}));

export const offerEntity = /* @__PURE__ */ defineEntity<Offer>()(() => ({
  name: 'Offer',
  description: 'An offer’s header, in its deal’s offers (gsi1); its versions live beside it.',
  key: { pk: offerPartition, sk: key`OFFER` },
  indexes: { gsi1: { pk: dealPartition, sk: key`OFFER#${ulid('offerId')}` } },
  patterns: {
    withVersions: {
      index: 'table',
      alsoReturns: ['OfferVersion'],
      operation: 'consistent Query of every page (the header sorts before its versions); versioned Put',
    },
    ofDeal: { index: 'gsi1', sortKey: 'beginsWith', order: 'descending', operation: 'Query' },
  },
}));

export const offerVersionEntity = /* @__PURE__ */ defineEntity<OfferVersion>()(() => ({
  name: 'OfferVersion',
  description:
    'A version of an offer, beside its header; written with the header’s versioned Put, which orders them.',
  key: { pk: offerPartition, sk: key`VERSION#${padded('number', 6)}` },
  patterns: {},
}));

export const offerDocumentEntity = /* @__PURE__ */ defineEntity<OfferDocument>()(() => ({
  name: 'OfferDocument',
  description:
    'The PDF of a sent offer version, recorded once, after its file is stored, and never replaced. Outside the offer’s partition, so reading an offer does not read its documents.',
  key: { pk: key`T#${tenant}#OFFERDOC#${text('offerId')}`, sk: key`VERSION#${padded('versionNumber', 6)}` },
  patterns: {
    ofVersion: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; Put if absent',
    },
  },
}));

export const acceptedOfferEntity = /* @__PURE__ */ defineEntity<{ readonly offerId: string }>()(() => ({
  name: 'AcceptedOffer',
  description: 'Guard: the one accepted offer of a deal, whatever the deal’s stage.',
  key: { pk: dealPartition, sk: key`ACCEPTEDOFFER` },
  patterns: {
    ofDeal: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put in the acceptance’s transaction',
    },
  },
}));

const forecastCuts = ['OWNER', 'GROUP', 'MONTH', 'OUTCOME'] as const;
export type ForecastCut = (typeof forecastCuts)[number];

export const forecastBucketEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'ForecastBucket',
  description:
    'A forecast bucket and its counters. Month comes before the owner, group or outcome (`<detail>`: `#<ownerId>`, `#<groupId>`, `#WON`, `#LOST#<lossReasonId>` or nothing), so a range of months is one BETWEEN.',
  key: {
    pk: key`T#${tenant}#FORECAST`,
    sk: key`${oneOf('cut', forecastCuts)}#${date('month')}${text('detail')}`,
  },
  patterns: {
    overMonths: {
      index: 'table',
      sortKey: 'between',
      sortKeyFacets: ['cut', 'month'],
      operation:
        'one Query per report, every page (filter: one owner’s rows); ADD in the event’s transaction',
    },
  },
}));

/** The key of a forecast bucket. */
export function forecastBucketKey(tenantId: string, bucket: ForecastBucket): ItemKey {
  const at = (cut: ForecastCut, detail = '') =>
    forecastBucketEntity.key({ tenantId, cut, month: bucket.month, detail });
  switch (bucket.kind) {
    case 'owner':
      return at('OWNER', `#${bucket.ownerId}`);
    case 'group':
      return at('GROUP', `#${bucket.groupId}`);
    case 'grouped':
      return at('GROUP');
    case 'month':
      return at('MONTH');
    case 'won':
      return at('OUTCOME', '#WON');
    case 'lost':
      return at('OUTCOME', `#LOST#${bucket.lossReasonId}`);
  }
}

const funnelCuts = ['STAGE', 'SOURCE', 'CAMPAIGN'] as const;
export type FunnelCutKey = (typeof funnelCuts)[number];

export const funnelBucketEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'FunnelBucket',
  description:
    'A funnel bucket and its counters; `<detail>` is the stage, or `<source>#STAGE#<stage>`, `<campaign>#STAGE#<stage>`.',
  key: { pk: key`T#${tenant}#FUNNEL`, sk: key`${oneOf('cut', funnelCuts)}#${text('detail')}` },
  patterns: {
    ofCut: {
      index: 'table',
      sortKey: 'beginsWith',
      sortKeyFacets: ['cut'],
      operation: 'one Query per report, every page; ADD in the event’s transaction',
    },
  },
}));

/** The key of a funnel bucket. */
export function funnelBucketKey(tenantId: string, bucket: FunnelBucket): ItemKey {
  const at = (cut: FunnelCutKey, detail: string) => funnelBucketEntity.key({ tenantId, cut, detail });
  switch (bucket.kind) {
    case 'stage':
      return at('STAGE', bucket.stage);
    case 'source':
      return at('SOURCE', `${bucket.source}#STAGE#${bucket.stage}`);
    case 'campaign':
      return at('CAMPAIGN', `${bucket.campaign}#STAGE#${bucket.stage}`);
  }
}

export const appliedEventEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'AppliedEvent',
  description:
    'Marks an event (or one part of it) as applied to a projection, so a redelivery adds nothing twice.',
  key: { pk: key`T#${tenant}#APPLIED#${text('projection')}#${text('eventId')}`, sk: key`APPLIED` },
  patterns: {
    byEvent: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put (kept 14 days) in the transaction that ADDs the event’s deltas',
    },
  },
}));
