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
import {
  addCountersOnce,
  bucketTotalOf,
  counterUpdate,
  markerRetentionSeconds,
} from '#table/core/counters-once';
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

/**
 * The sales report aggregates: one partition per tenant and projection
 * (`FORECAST`, `FUNNEL`), one item per bucket holding the bucket and its
 * counters. Events add to the counters with `ADD`, each event once.
 */
export class DynamoSalesAggregates implements SalesAggregateWriter, SalesAggregateReader {
  constructor(private readonly table: Table) {}

  /** Each event's deltas once (`addCountersOnce`): a redelivery adds nothing. */
  async apply<P extends Projection>(
    tenantId: string,
    projection: P,
    eventId: string,
    deltas: readonly BucketDelta<ProjectionBuckets[P]>[],
  ): Promise<boolean> {
    const { key: keyOf, entity } = projections[projection];
    const key = keyOf as (tenantId: string, b: ProjectionBuckets[P]) => ItemKey;
    return addCountersOnce(
      this.table,
      eventId,
      (markerId) => this.marker(tenantId, projection, markerId),
      deltas.map(({ bucket, amounts }) =>
        counterUpdate(this.table, key(tenantId, bucket), entity, bucket, amounts),
      ),
    );
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

  /** Every bucket of a report, to its last page: a report bigger than 1 MB reads on. */
  private async totals<B>(buckets: KeyCondition, options?: QueryOptions): Promise<BucketTotal<B>[]> {
    return (await queryAll(this.table, buckets, options)).map((item) => bucketTotalOf<B>(item));
  }
}
