import type { ItemKey } from '#table/core/keys';

/**
 * Keys of the sales module (leads, lead sources, deals, offers, the
 * forecast and funnel aggregates). Every partition key starts with the
 * tenant except the webhook route of a lead source, which is how an
 * unauthenticated webhook finds its tenant; the access-pattern table in
 * docs/architecture.md lists how each is read.
 */
const t = (tenantId: string) => `T#${tenantId}`;

export const salesKeys = {
  lead: (tenantId: string, leadId: string): ItemKey => ({ pk: `${t(tenantId)}#LEAD#${leadId}`, sk: 'LEAD' }),
  /** gsi1: leads in one lifecycle stage, oldest first. */
  leadsInStage: (tenantId: string, stage: string) => `${t(tenantId)}#LEADS#STAGE#${stage}`,
  /** gsi2: the leads of one owner (`-` for the unassigned), oldest first. */
  leadsOfOwner: (tenantId: string, ownerId: string | undefined) =>
    `${t(tenantId)}#LEADS#OWNER#${ownerId ?? '-'}`,
  /** Duplicate detection: one item per lead and e-mail or phone, in the value's partition. */
  leadMatch: (tenantId: string, kind: 'email' | 'phone', value: string) =>
    `${t(tenantId)}#LEADMATCH#${kind}#${value}`,
  leadMatchSk: (leadId: string) => `LEAD#${leadId}`,

  leadSource: (tenantId: string, sourceId: string): ItemKey => ({
    pk: `${t(tenantId)}#LEADSOURCE#${sourceId}`,
    sk: 'LEADSOURCE',
  }),
  /** gsi2: a tenant's lead sources by name. */
  leadSourceList: (tenantId: string) => `${t(tenantId)}#LEADSOURCES`,
  /** The one key without a tenant: the webhook path names only the source. */
  webhookRoute: (sourceId: string): ItemKey => ({ pk: `WEBHOOK#LEADSOURCE#${sourceId}`, sk: 'ROUTE' }),

  /** The tenant's sales rules: scoring, routing, nurturing and offer validity. */
  salesSettings: (tenantId: string): ItemKey => ({ pk: `${t(tenantId)}#SALESSETTINGS`, sk: 'SALESSETTINGS' }),
  /** The round-robin position of a user group. */
  roundRobin: (tenantId: string, groupId: string): ItemKey => ({
    pk: `${t(tenantId)}#ROUNDROBIN#${groupId}`,
    sk: 'ROUNDROBIN',
  }),

  deal: (tenantId: string, dealId: string): ItemKey => ({ pk: `${t(tenantId)}#DEAL#${dealId}`, sk: 'DEAL' }),
  /** gsi2: every deal of the tenant, oldest first (admins). */
  dealList: (tenantId: string) => `${t(tenantId)}#DEALS`,
  /** A copy of a deal for each user who owns it or takes part in it: "my deals" is one Query. */
  dealOfUser: (tenantId: string, userId: string, dealId: string): ItemKey => ({
    pk: `${t(tenantId)}#USERDEALS#${userId}`,
    sk: `DEAL#${dealId}`,
  }),
  dealsOfUser: (tenantId: string, userId: string) => `${t(tenantId)}#USERDEALS#${userId}`,

  offer: (tenantId: string, offerId: string): ItemKey => ({
    pk: `${t(tenantId)}#OFFER#${offerId}`,
    sk: 'OFFER',
  }),
  /** Versions live in their offer's partition: `VERSION#000001`, … */
  offerVersion: (tenantId: string, offerId: string, version: number): ItemKey => ({
    pk: `${t(tenantId)}#OFFER#${offerId}`,
    sk: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  offerVersionPrefix: 'VERSION#',
  /** gsi1: a deal's offers. */
  offersOfDeal: (tenantId: string, dealId: string) => `${t(tenantId)}#DEAL#${dealId}`,
  offerInDeal: (offerId: string) => `OFFER#${offerId}`,
  /** Guard: the one accepted offer of a deal. */
  acceptedOffer: (tenantId: string, dealId: string): ItemKey => ({
    pk: `${t(tenantId)}#DEAL#${dealId}`,
    sk: 'ACCEPTEDOFFER',
  }),

  /** Aggregates maintained by the sales reports consumer: one partition each, read with one Query. */
  forecast: (tenantId: string) => `${t(tenantId)}#FORECAST`,
  funnel: (tenantId: string) => `${t(tenantId)}#FUNNEL`,
  /** Marks an event as applied to a projection, so a redelivery adds nothing twice. */
  applied: (tenantId: string, projection: string, eventId: string): ItemKey => ({
    pk: `${t(tenantId)}#APPLIED#${projection}#${eventId}`,
    sk: 'APPLIED',
  }),
} as const;
