import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Deal, DealStageSnapshot } from '#domain/sales/deals/deal';
import type { Lead, LeadStage } from '#domain/sales/leads/lead';
import type { Table } from '#table/core/table';
import { dealEntity, leadEntity } from '#table/sales/entities';

const at = '2027-03-02T08:00:00.000Z';

export const openStage: DealStageSnapshot = {
  id: 'proposal',
  title: 'Proposal',
  status: 'open',
  probabilityBasisPoints: 2_500,
};
export const wonStage: DealStageSnapshot = {
  id: 'won',
  title: 'Won',
  status: 'won',
  probabilityBasisPoints: 10_000,
};

export function aLead(tenantId: string, campaign: string | undefined, overrides: Partial<Lead> = {}): Lead {
  return {
    id: ulid(),
    tenantId,
    createdAt: at,
    createdBy: 'lead-source:portal',
    updatedAt: at,
    updatedBy: 'lead-source:portal',
    version: 1,
    lastName: 'Lindqvist',
    email: 'lindqvist@example.se',
    segment: 'B2C',
    attribution: { source: 'portal', ...(campaign ? { campaign } : {}) },
    stage: 'lead',
    stageHistory: [{ stage: 'lead', at, by: 'webhook' }],
    score: 0,
    scoreLines: [],
    engagement: { emailsOpened: 0, meetings: 0 },
    possibleDuplicates: [],
    ...overrides,
  };
}

export const movedTo = (lead: Lead, stage: LeadStage, extra: Partial<Lead> = {}): Lead => ({
  ...lead,
  version: lead.version + 1,
  stage,
  stageHistory: [...lead.stageHistory, { stage, at, by: 'anna' }],
  ...extra,
});

export function aDeal(tenantId: string, leadId: string | undefined): Deal {
  return {
    id: ulid(),
    tenantId,
    createdAt: at,
    createdBy: 'anna',
    updatedAt: at,
    updatedBy: 'anna',
    version: 1,
    title: 'Värme, Umeå',
    accountId: ulid(),
    ownerId: 'anna',
    participants: [{ userId: 'anna', shareBasisPoints: 10_000 }],
    supplyPointIds: [],
    valueMinor: 1_000_000,
    currency: 'SEK',
    expectedCloseDate: '2027-04-15',
    stage: openStage,
    stageHistory: [],
    forecastGroupIds: [],
    ...(leadId ? { leadId } : {}),
  };
}

/** Stores a lead and a deal as the sales module does before their events go out. */
export async function store(table: Table, lead: Lead, deal?: Deal): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.name,
      Item: leadEntity.item(lead, { key: { tenantId: lead.tenantId, leadId: lead.id } }),
    }),
  );
  if (deal)
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: dealEntity.item(deal, { key: { tenantId: deal.tenantId, dealId: deal.id } }),
      }),
    );
}

/** An event as its module writes it to the outbox. */
export function anEvent(
  tenantId: string,
  type: string,
  source: 'gridline.sales' | 'gridline.contracts',
  subject: { type: string; id: string },
  data: Record<string, unknown>,
) {
  return {
    id: ulid(),
    type,
    source,
    tenantId,
    occurredAt: at,
    actor: { userId: 'anna' },
    subject,
    data,
  };
}

/** Every event of one prospect's way from a webhook lead to a signed contract, in the order they happen. */
export function prospectLife(tenantId: string, campaign: string, contractValue: number) {
  const created = aLead(tenantId, campaign);
  const qualified = movedTo(created, 'sales-qualified');
  const deal = aDeal(tenantId, created.id);
  const converted = movedTo(qualified, 'converted', {
    conversion: {
      accountId: deal.accountId,
      contactId: ulid(),
      dealId: deal.id,
      convertedAt: at,
      convertedBy: 'anna',
    },
  });
  const won = { ...deal, version: 2, stage: wonStage, closedAt: at };
  const offer = { id: ulid(), dealId: deal.id };
  const contract = {
    id: ulid(),
    deal: { dealId: deal.id },
    currency: 'SEK',
    offeredAnnualCost: contractValue,
  };
  const lead = (type: string, next: Lead, previous?: Lead) =>
    anEvent(
      tenantId,
      type,
      'gridline.sales',
      { type: 'lead', id: next.id },
      {
        lead: next,
        ...(previous ? { previous } : {}),
      },
    );
  const events = [
    lead('LeadCreated', created),
    lead('LeadStageChanged', qualified, created),
    lead('LeadConverted', converted, qualified),
    anEvent(tenantId, 'DealCreated', 'gridline.sales', { type: 'deal', id: deal.id }, { deal }),
    anEvent(
      tenantId,
      'OfferVersionSent',
      'gridline.sales',
      { type: 'offer', id: offer.id },
      {
        offer,
        version: { number: 1 },
        supersededVersions: [],
      },
    ),
    anEvent(
      tenantId,
      'DealStageChanged',
      'gridline.sales',
      { type: 'deal', id: deal.id },
      {
        deal: won,
        previous: deal,
      },
    ),
    anEvent(
      tenantId,
      'ContractSigned',
      'gridline.contracts',
      { type: 'contract', id: contract.id },
      {
        contract,
        transition: { to: 'signed' },
      },
    ),
  ];
  return { lead: converted, deal: won, events };
}
