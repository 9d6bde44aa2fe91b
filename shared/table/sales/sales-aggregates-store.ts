import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { BucketDelta } from '#domain/sales/reports/bucket-delta';
import type { ForecastBucket } from '#domain/sales/reports/forecast';
import type { FunnelBucket } from '#domain/sales/reports/funnel';
import type {
  BucketTotal,
  FunnelCut,
  MonthRange,
  PipelineCut,
  Projection,
  ProjectionBuckets,
  SalesAggregateReader,
  SalesAggregateWriter,
} from '#domain/sales/reports/sales-aggregates';
import type { KeyCondition } from '#table/core/key-condition';
import type { ItemKey } from '#table/core/key-template';
import { type QueryOptions, queryAll } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import {
  appliedEventEntity,
  type ForecastCut,
  type FunnelCutKey,
  forecastBucketEntity,
  forecastBucketKey,
  funnelBucketEntity,
  funnelBucketKey,
} from './entities';

const projections = {
  forecast: { key: forecastBucketKey, entity: forecastBucketEntity.stored },
  funnel: { key: funnelBucketKey, entity: funnelBucketEntity.stored },
} as const;

const pipelineCut: Record<PipelineCut, ForecastCut> = { owner: 'OWNER', group: 'GROUP', month: 'MONTH' };
const funnelCut: Record<FunnelCut, FunnelCutKey> = { stage: 'STAGE', source: 'SOURCE', campaign: 'CAMPAIGN' };

/** A TransactWriteItems holds 100 items: the applied marker and 99 buckets. */
export const bucketsPerTransaction = 99;
/** SQS keeps a message at most 14 days: no redelivery comes after its marker has expired. */
const markerRetentionSeconds = 14 * 24 * 3600;
const conflictRetries = 6;

const layout = new Set(['pk', 'sk', 'entity', 'bucket']);

/** A stored bucket: the bucket as written, and every other attribute a counter. */
function totalOf<B>(item: Record<string, unknown>): BucketTotal<B> {
  const amounts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) if (!layout.has(name)) amounts[name] = value as number;
  return { bucket: item.bucket as B, amounts };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The sales report aggregates: one partition per tenant and projection
 * (`FORECAST`, `FUNNEL`), one item per bucket holding the bucket and its
 * counters. Events add to the counters with `ADD`, each event once.
 */
export class DynamoSalesAggregates implements SalesAggregateWriter, SalesAggregateReader {
  constructor(private readonly table: Table) {}

  /**
   * One TransactWriteItems per 99 buckets: the event's applied marker (a
   * conditional Put, kept 14 days) and an `ADD` per bucket. A marker that
   * exists means that part was applied: a redelivery adds nothing.
   *
   * An event with more than 99 buckets (a deal change moves about 25 at
   * most; only an owner in dozens of groups gets near 99) is applied in
   * parts, each with its own marker (`<eventId>#<part>/<parts>`) in its own
   * transaction. The parts are cut from the buckets sorted by key,
   * so every delivery of the event cuts them alike: a delivery that fails
   * after some parts leaves them marked, and the next one adds only the rest.
   * Until then a report may show the event half applied, as it may show
   * events not yet delivered.
   */
  async apply<P extends Projection>(
    tenantId: string,
    projection: P,
    eventId: string,
    deltas: readonly BucketDelta<ProjectionBuckets[P]>[],
  ): Promise<boolean> {
    const updates = deltas
      .map((delta) => this.bucketUpdate(tenantId, projection, delta))
      .sort((a, b) => (a.key.sk < b.key.sk ? -1 : a.key.sk > b.key.sk ? 1 : 0));
    const parts = Math.ceil(updates.length / bucketsPerTransaction);
    let applied = false;
    for (let part = 0; part < parts; part++) {
      const markerId = parts === 1 ? eventId : `${eventId}#${part + 1}/${parts}`;
      const items = updates
        .slice(part * bucketsPerTransaction, (part + 1) * bucketsPerTransaction)
        .map(({ item }) => item);
      if (await this.applyOnce(this.marker(tenantId, projection, markerId), items)) applied = true;
    }
    return applied || parts === 0;
  }

  async pipeline(
    tenantId: string,
    cut: PipelineCut,
    range: MonthRange,
    ownerId?: string,
  ): Promise<BucketTotal<ForecastBucket>[]> {
    // One owner's rows: the Query reads the range, the filter keeps theirs.
    const ownersRows: QueryOptions =
      ownerId === undefined
        ? {}
        : {
            FilterExpression: '#bucket.#ownerId = :ownerId',
            ExpressionAttributeNames: { '#bucket': 'bucket', '#ownerId': 'ownerId' },
            ExpressionAttributeValues: { ':ownerId': ownerId },
          };
    return this.totals<ForecastBucket>(this.months(tenantId, pipelineCut[cut], range), ownersRows);
  }

  async outcomes(tenantId: string, range: MonthRange): Promise<BucketTotal<ForecastBucket>[]> {
    return this.totals<ForecastBucket>(this.months(tenantId, 'OUTCOME', range));
  }

  async funnel(tenantId: string, cut: FunnelCut): Promise<BucketTotal<FunnelBucket>[]> {
    return this.totals<FunnelBucket>(
      funnelBucketEntity.patterns.ofCut.query({ tenantId, cut: funnelCut[cut] }),
    );
  }

  /** The buckets of one cut from the first month of the range to the last, both whole. */
  private months(tenantId: string, cut: ForecastCut, range: MonthRange): KeyCondition {
    return forecastBucketEntity.patterns.overMonths.query({
      tenantId,
      from: { cut, month: range.from },
      to: { cut, month: range.to },
    });
  }

  private marker(tenantId: string, projection: Projection, markerId: string): TransactItem {
    return {
      Put: {
        TableName: this.table.name,
        Item: appliedEventEntity.item(
          // The table's TTL attribute.
          { expiresAt: Math.floor(Date.now() / 1000) + markerRetentionSeconds },
          { key: { tenantId, projection, eventId: markerId } },
        ),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** `SET` of what the bucket is (the same on every write), `ADD` of each counter. */
  private bucketUpdate<P extends Projection>(
    tenantId: string,
    projection: P,
    { bucket, amounts }: BucketDelta<ProjectionBuckets[P]>,
  ): { key: ItemKey; item: TransactItem } {
    const { key: keyOf, entity } = projections[projection];
    const key = (keyOf as (tenantId: string, b: ProjectionBuckets[P]) => ItemKey)(tenantId, bucket);
    const names: Record<string, string> = { '#entity': 'entity', '#bucket': 'bucket' };
    const values: Record<string, unknown> = { ':entity': entity, ':bucket': bucket };
    const adds = Object.entries(amounts).map(([name, amount], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = amount;
      return `#a${i} :a${i}`;
    });
    return {
      key,
      item: {
        Update: {
          TableName: this.table.name,
          Key: key,
          UpdateExpression: `SET #entity = :entity, #bucket = :bucket ADD ${adds.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    };
  }

  /**
   * Writes the marker and the updates in one transaction; false when the
   * marker was there. Transactions of concurrent events on the same buckets
   * conflict: those are retried with a growing, jittered pause, and after
   * the last retry the error goes back to the queue, which delivers again.
   */
  private async applyOnce(marker: TransactItem, updates: readonly TransactItem[]): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.table.client.send(new TransactWriteCommand({ TransactItems: [marker, ...updates] }));
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
        if (codes[0] === 'ConditionalCheckFailed') return false;
        if (!codes.includes('TransactionConflict') || attempt >= conflictRetries) throw error;
        await pause((10 + Math.random() * 20) * 2 ** attempt);
      }
    }
  }

  /** Every bucket of a report, to its last page: a report bigger than 1 MB reads on. */
  private async totals<B>(buckets: KeyCondition, options?: QueryOptions): Promise<BucketTotal<B>[]> {
    return (await queryAll(this.table, buckets, options)).map((item) => totalOf<B>(item));
  }
}
