import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { additions, clickAmounts, type ReachedMilestone } from '#domain/campaigns/campaign-funnel';
import type { CampaignTotals } from '#domain/campaigns/campaign-report';
import type { CampaignTotalsReader, CampaignTotalsWriter } from '#domain/campaigns/campaign-stores';
import { batchGetItems } from '#table/core/batch';
import { getItem } from '#table/core/get-item';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { transactRetryingConflicts } from '#table/core/transact-retry';
import { campaignClickEntity, campaignProspectEntity, campaignTotalsEntity } from './entities';

/** Rounds of read-and-write when another event of the same prospect wrote in between. */
const maxAttempts = 8;

const layout = new Set(['pk', 'sk', 'entity', 'code']);

interface StoredProspect {
  readonly campaign: string;
  readonly milestones: readonly string[];
  readonly furthest: number;
  readonly version: number;
}

const conditionFailed = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');

/**
 * The campaigns' totals, one item per tenant and campaign code, and the
 * prospect records that make each milestone count once (ADR 0031). A
 * prospect's milestones and the totals they add are written in one
 * transaction, conditional on the prospect's version: a redelivered event
 * finds its milestones there and writes nothing, and two events of one
 * prospect at once are ordered by the condition (the loser reads again).
 */
export class DynamoCampaignTotals implements CampaignTotalsReader, CampaignTotalsWriter {
  constructor(private readonly table: Table) {}

  async totals(tenantId: string, codes: readonly string[]): Promise<ReadonlyMap<string, CampaignTotals>> {
    const items = await batchGetItems(
      this.table,
      codes.map((code) => campaignTotalsEntity.key({ tenantId, code })),
    );
    return new Map(
      items.map((item) => [
        item.code as string,
        Object.fromEntries(Object.entries(item).filter(([name]) => !layout.has(name))) as CampaignTotals,
      ]),
    );
  }

  async reach(
    tenantId: string,
    campaign: string,
    prospectId: string,
    milestones: readonly ReachedMilestone[],
  ): Promise<void> {
    const key = campaignProspectEntity.key({ tenantId, leadId: prospectId });
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const stored = (await getItem(this.table, key)) as StoredProspect | undefined;
      const before = new Set(stored?.milestones ?? []);
      const fresh = milestones.filter((m) => !before.has(m.milestone));
      if (fresh.length === 0) return;
      // A prospect stays with the campaign it was first counted for.
      const code = stored?.campaign ?? campaign;
      const { amounts, furthest } = additions(stored?.furthest ?? -1, fresh);
      const version = stored?.version ?? 0;
      const prospect: TransactItem = {
        Put: {
          TableName: this.table.name,
          Item: {
            ...key,
            entity: campaignProspectEntity.stored,
            campaign: code,
            milestones: [...before, ...fresh.map((m) => m.milestone)],
            furthest,
            version: version + 1,
          },
          ...(version === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': version },
              }),
        },
      };
      try {
        await transactRetryingConflicts(this.table, [prospect, this.addTo(tenantId, code, amounts)]);
        return;
      } catch (error) {
        if (!conditionFailed(error)) throw error;
      }
    }
    throw new Error(`the campaign prospect ${prospectId} kept changing; the queue delivers the event again`);
  }

  async click(tenantId: string, campaign: string, clickId: string): Promise<void> {
    const marker: TransactItem = {
      Put: {
        TableName: this.table.name,
        Item: {
          ...campaignClickEntity.key({ tenantId, code: campaign, clickId }),
          entity: campaignClickEntity.stored,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    try {
      await transactRetryingConflicts(this.table, [marker, this.addTo(tenantId, campaign, clickAmounts)]);
    } catch (error) {
      // Counted before: the contact clicked already, or the event came again.
      if (!conditionFailed(error)) throw error;
    }
  }

  private addTo(tenantId: string, code: string, amounts: Readonly<Record<string, number>>): TransactItem {
    const names: Record<string, string> = { '#entity': 'entity', '#code': 'code' };
    const values: Record<string, unknown> = { ':entity': campaignTotalsEntity.stored, ':code': code };
    const adds = Object.entries(amounts).map(([name, amount], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = amount;
      return `#a${i} :a${i}`;
    });
    return {
      Update: {
        TableName: this.table.name,
        Key: campaignTotalsEntity.key({ tenantId, code }),
        UpdateExpression: `SET #entity = :entity, #code = :code ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }
}
