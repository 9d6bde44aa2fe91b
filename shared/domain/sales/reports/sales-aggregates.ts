import type { BucketDelta } from './bucket-delta';
import type { ForecastBucket } from './forecast';
import type { FunnelBucket } from './funnel';

/** The bucket types of each projection the sales reports keep. */
export interface ProjectionBuckets {
  readonly forecast: ForecastBucket;
  readonly funnel: FunnelBucket;
}

export type Projection = keyof ProjectionBuckets;

/** A bucket with its stored counters. */
export interface BucketTotal<B> {
  readonly bucket: B;
  readonly amounts: Readonly<Record<string, number>>;
}

/** Months `YYYY-MM`, both ends included. */
export interface MonthRange {
  readonly from: string;
  readonly to: string;
}

export const pipelineCuts = ['owner', 'group', 'month'] as const;
export type PipelineCut = (typeof pipelineCuts)[number];
export const funnelCuts = ['stage', 'source', 'campaign'] as const;
export type FunnelCut = (typeof funnelCuts)[number];

/** Where the sales projection adds what events move. */
export interface SalesAggregateWriter {
  /**
   * Adds the deltas of one event, once: a redelivered event adds nothing.
   * Returns false when every delta had been added by an earlier delivery.
   */
  apply<P extends Projection>(
    tenantId: string,
    projection: P,
    eventId: string,
    deltas: readonly BucketDelta<ProjectionBuckets[P]>[],
  ): Promise<boolean>;
}

/**
 * The report reads: each one Query of the projection's partition, its cost
 * bounded by the owners, groups or reasons times the months asked for,
 * never by the number of deals or leads.
 */
export interface SalesAggregateReader {
  /**
   * Open pipeline buckets of one cut in the range: `owner`, `group` (with the
   * `grouped` totals) or `month`; `ownerId` keeps one owner's buckets only.
   */
  pipeline(
    tenantId: string,
    cut: PipelineCut,
    range: MonthRange,
    ownerId?: string,
  ): Promise<BucketTotal<ForecastBucket>[]>;
  /** `won` and `lost` buckets in the range. */
  outcomes(tenantId: string, range: MonthRange): Promise<BucketTotal<ForecastBucket>[]>;
  funnel(tenantId: string, cut: FunnelCut): Promise<BucketTotal<FunnelBucket>[]>;
}

/** Display titles of settings (user groups, loss reasons) by id; deleted ones keep theirs. */
export interface SettingTitles {
  titles(tenantId: string, settingIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}
