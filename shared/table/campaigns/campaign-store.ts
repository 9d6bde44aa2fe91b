import type { Campaign } from '#domain/campaigns/campaign';
import { campaignCodeKey } from '#domain/campaigns/campaign';
import type { CampaignStore } from '#domain/campaigns/campaign-stores';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { claimChange } from '#table/core/guards';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { campaignCodeEntity, campaignEntity } from './entities';

function toItem(c: Campaign): Record<string, unknown> {
  const at = { tenantId: c.tenantId, campaignId: c.id };
  // A deleted campaign leaves the list.
  return campaignEntity.item(c, { key: at, ...(c.deletedAt === undefined ? { gsi2: at } : {}) });
}

export class DynamoCampaignStore implements CampaignStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, campaignId: string): Promise<Campaign | undefined> {
    return campaignEntity.get(this.table, { tenantId, campaignId });
  }

  create(campaign: Campaign, event: DomainEvent, idempotency?: IdempotencyToken) {
    const code = campaignCodeKey(campaign.codes.campaign);
    return commitCreate(this.table, {
      resource: 'campaign',
      id: campaign.id,
      item: toItem(campaign),
      guards: [
        {
          field: 'codes.campaign',
          change: claimChange(this.table, campaign.id, undefined, code, (value) =>
            campaignCodeEntity.key({ tenantId: campaign.tenantId, code: value }),
          ),
          takenCode: 'already-exists',
          takenMessage: 'another campaign has this campaign code',
        },
      ],
      event,
      idempotency,
      response: campaign,
    });
  }

  async update(previous: Campaign, next: Campaign, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'campaign',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous.version,
      event,
    });
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Campaign>> {
    return queryPage<Campaign>(this.table, campaignEntity.patterns.live.query({ tenantId }), page);
  }
}
