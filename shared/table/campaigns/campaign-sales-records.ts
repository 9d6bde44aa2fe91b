import type { CampaignSalesRecords } from '#domain/campaigns/campaign-stores';
import type { Deal } from '#domain/sales/deals/deal';
import type { Lead } from '#domain/sales/leads/lead';
import type { Table } from '#table/core/table';
import { dealEntity, leadEntity } from '#table/sales/entities';

/** The lead and deal items as the sales module stores them, read by id. */
export class DynamoCampaignSalesRecords implements CampaignSalesRecords {
  constructor(private readonly table: Table) {}

  lead(tenantId: string, leadId: string): Promise<Lead | undefined> {
    return leadEntity.get(this.table, { tenantId, leadId });
  }

  deal(tenantId: string, dealId: string): Promise<Deal | undefined> {
    return dealEntity.get(this.table, { tenantId, dealId });
  }
}
