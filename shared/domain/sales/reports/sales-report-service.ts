import type { Caller } from '#domain/caller';
import { divideRoundingHalfAwayFromZero } from '#domain/energy/exact';
import { ForbiddenError, type InvalidField, ValidationError } from '#domain/errors';
import { type LeadStage, leadStages } from '#domain/sales/leads/lead';
import { fullProbability } from '#domain/settings/setting';
import type { TenantDirectory } from '#domain/tenant';
import type { Role } from '#domain/users/roles';
import type { ForecastBucket } from './forecast';
import type {
  BucketTotal,
  FunnelCut,
  MonthRange,
  PipelineCut,
  SalesAggregateReader,
  SettingTitles,
} from './sales-aggregates';

/** The longest range a report covers. */
export const maxReportMonths = 36;

export interface PipelineFigures {
  readonly openCount: number;
  readonly valueMinor: number;
  readonly weightedMinor: number;
}

export interface ForecastRow extends PipelineFigures {
  /** The owner's user id, the group's id, or the month itself. */
  readonly key: string;
  /** The group's title. */
  readonly title?: string;
  readonly month: string;
}

export interface ForecastReport extends MonthRange {
  readonly by: PipelineCut;
  readonly currency: string;
  /** By month, then key. */
  readonly rows: readonly ForecastRow[];
  /** Every deal of the rows counted once (by group: each deal of an owner in any group, once). */
  readonly totals: PipelineFigures;
}

export interface OutcomeFigures {
  readonly count: number;
  readonly valueMinor: number;
}

export interface WinLossRow extends OutcomeFigures {
  readonly outcome: 'won' | 'lost';
  readonly month: string;
  readonly lossReasonId?: string;
  readonly title?: string;
}

export interface WinLossReport extends MonthRange {
  readonly currency: string;
  /** By month; won before lost; lost by reason. */
  readonly rows: readonly WinLossRow[];
  readonly totals: {
    readonly won: OutcomeFigures;
    readonly lost: OutcomeFigures;
    /** Won deals of all closed ones, by count, rounded half up; absent when none closed. */
    readonly winRateBasisPoints?: number;
  };
}

export interface FunnelStage {
  readonly stage: LeadStage;
  readonly current: number;
  readonly reached: number;
}

export interface FunnelRow {
  /** The source or the campaign; absent for the whole tenant. */
  readonly key?: string;
  /** Every stage, in lifecycle order. */
  readonly stages: readonly FunnelStage[];
}

export interface FunnelReport {
  readonly by: FunnelCut;
  readonly rows: readonly FunnelRow[];
}

export interface SalesReportDeps {
  readonly tenants: TenantDirectory;
  readonly aggregates: SalesAggregateReader;
  readonly titles: SettingTitles;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Checks a range: two months, in order, at most `maxReportMonths` apart (400 naming the field). */
export function checkedRange(range: MonthRange): MonthRange {
  const invalid: InvalidField[] = [];
  for (const name of ['from', 'to'] as const) {
    if (!monthPattern.test(range[name])) invalid.push({ name, reason: 'must be a month, YYYY-MM' });
  }
  if (invalid.length === 0) {
    const months = monthIndex(range.to) - monthIndex(range.from) + 1;
    if (months < 1) invalid.push({ name: 'to', reason: 'must not be before from' });
    else if (months > maxReportMonths)
      invalid.push({ name: 'to', reason: `a report covers at most ${maxReportMonths} months` });
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
  return { from: range.from, to: range.to };
}

const hasAny = (caller: Caller, roles: readonly Role[]) => caller.roles.some((r) => roles.includes(r));
const readsAll = (caller: Caller) => hasAny(caller, ['admin', 'viewer']);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function pipelineFigures({ amounts }: BucketTotal<ForecastBucket>): PipelineFigures {
  return {
    openCount: amounts.count ?? 0,
    valueMinor: amounts.valueMinor ?? 0,
    weightedMinor: amounts.weightedMinor ?? 0,
  };
}

function sumPipeline(figures: readonly PipelineFigures[]): PipelineFigures {
  return figures.reduce(
    (sum, f) => ({
      openCount: sum.openCount + f.openCount,
      valueMinor: sum.valueMinor + f.valueMinor,
      weightedMinor: sum.weightedMinor + f.weightedMinor,
    }),
    { openCount: 0, valueMinor: 0, weightedMinor: 0 },
  );
}

function sumOutcomes(rows: readonly WinLossRow[], outcome: WinLossRow['outcome']): OutcomeFigures {
  return rows
    .filter((r) => r.outcome === outcome)
    .reduce((sum, r) => ({ count: sum.count + r.count, valueMinor: sum.valueMinor + r.valueMinor }), {
      count: 0,
      valueMinor: 0,
    });
}

/** A bucket every deal has left holds zeros; it is not a row. */
const isEmpty = (total: BucketTotal<unknown>) => Object.values(total.amounts).every((a) => a === 0);

/** The key a pipeline bucket has in its report. */
function rowKey(bucket: ForecastBucket): string {
  switch (bucket.kind) {
    case 'owner':
      return bucket.ownerId;
    case 'group':
      return bucket.groupId;
    default:
      return bucket.month;
  }
}

/**
 * Forecast and win/loss (R-SA-5) and the lead funnel (R-MK-1), read from
 * the aggregates the sales projection keeps: one Query per report, as fast
 * with a hundred deals as with a hundred thousand.
 *
 * Admins and viewers read every report. A sales user reads the forecast by
 * owner, their own row only. The funnel is for admins, viewers, sales and
 * marketing.
 */
export class SalesReportService {
  constructor(private readonly deps: SalesReportDeps) {}

  async forecast(caller: Caller, query: MonthRange & { readonly by: PipelineCut }): Promise<ForecastReport> {
    const range = checkedRange(query);
    const ownOnly = !readsAll(caller);
    if (ownOnly && !(query.by === 'owner' && caller.roles.includes('sales'))) {
      throw new ForbiddenError(
        query.by === 'owner'
          ? 'the forecast needs the admin, viewer or sales role'
          : `the forecast by ${query.by} needs the admin or viewer role`,
      );
    }
    const [stored, currency] = await Promise.all([
      this.deps.aggregates.pipeline(caller.tenantId, query.by, range, ownOnly ? caller.userId : undefined),
      this.currency(caller),
    ]);
    const totals = stored.filter((t) => !isEmpty(t));
    const groupIds = totals.flatMap(({ bucket }) => (bucket.kind === 'group' ? [bucket.groupId] : []));
    const titles = await this.titles(caller.tenantId, groupIds);
    const rows = totals
      .filter(({ bucket }) => bucket.kind !== 'grouped')
      .map((total): ForecastRow => {
        const key = rowKey(total.bucket);
        const title = total.bucket.kind === 'group' ? titles.get(key) : undefined;
        return {
          key,
          ...(title !== undefined ? { title } : {}),
          month: total.bucket.month,
          ...pipelineFigures(total),
        };
      })
      .sort((a, b) => byText(a.month, b.month) || byText(a.key, b.key));
    const counted =
      query.by === 'group'
        ? totals.filter(({ bucket }) => bucket.kind === 'grouped').map(pipelineFigures)
        : rows;
    return { by: query.by, ...range, currency, rows, totals: sumPipeline(counted) };
  }

  async winLoss(caller: Caller, query: MonthRange): Promise<WinLossReport> {
    const range = checkedRange(query);
    if (!readsAll(caller)) throw new ForbiddenError('the win/loss report needs the admin or viewer role');
    const [stored, currency] = await Promise.all([
      this.deps.aggregates.outcomes(caller.tenantId, range),
      this.currency(caller),
    ]);
    const found = stored.filter((t) => !isEmpty(t));
    const reasonIds = found.flatMap(({ bucket }) => (bucket.kind === 'lost' ? [bucket.lossReasonId] : []));
    const titles = await this.titles(caller.tenantId, reasonIds);
    const rows = found
      .flatMap(({ bucket, amounts }): WinLossRow[] => {
        const figures = { count: amounts.count ?? 0, valueMinor: amounts.valueMinor ?? 0 };
        if (bucket.kind === 'won') return [{ outcome: 'won', month: bucket.month, ...figures }];
        if (bucket.kind !== 'lost') return [];
        const title = titles.get(bucket.lossReasonId);
        const reason = { lossReasonId: bucket.lossReasonId, ...(title !== undefined ? { title } : {}) };
        return [{ outcome: 'lost', month: bucket.month, ...reason, ...figures }];
      })
      .sort(
        (a, b) =>
          byText(a.month, b.month) ||
          // 'won' before 'lost'
          byText(b.outcome, a.outcome) ||
          byText(a.lossReasonId ?? '', b.lossReasonId ?? ''),
      );
    const won = sumOutcomes(rows, 'won');
    const lost = sumOutcomes(rows, 'lost');
    const closed = won.count + lost.count;
    const rate =
      closed > 0
        ? {
            winRateBasisPoints: Number(
              divideRoundingHalfAwayFromZero(BigInt(won.count) * BigInt(fullProbability), BigInt(closed)),
            ),
          }
        : {};
    return { ...range, currency, rows, totals: { won, lost, ...rate } };
  }

  async funnel(caller: Caller, query: { readonly by?: 'source' | 'campaign' }): Promise<FunnelReport> {
    if (!hasAny(caller, ['admin', 'viewer', 'sales', 'marketing']))
      throw new ForbiddenError('the funnel needs the admin, viewer, sales or marketing role');
    const cut: FunnelCut = query.by ?? 'stage';
    const byKey = new Map<string | undefined, Map<LeadStage, Readonly<Record<string, number>>>>();
    // The whole tenant is one row, even before its first lead.
    if (cut === 'stage') byKey.set(undefined, new Map());
    for (const { bucket, amounts } of await this.deps.aggregates.funnel(caller.tenantId, cut)) {
      const key =
        bucket.kind === 'source' ? bucket.source : bucket.kind === 'campaign' ? bucket.campaign : undefined;
      const stages = byKey.get(key) ?? new Map();
      stages.set(bucket.stage, amounts);
      byKey.set(key, stages);
    }
    const rows = [...byKey.entries()]
      .map(
        ([key, stages]): FunnelRow => ({
          ...(key !== undefined ? { key } : {}),
          stages: leadStages.map((stage) => ({
            stage,
            current: stages.get(stage)?.current ?? 0,
            reached: stages.get(stage)?.reached ?? 0,
          })),
        }),
      )
      .filter((row) => row.key === undefined || row.stages.some((s) => s.current !== 0 || s.reached !== 0))
      .sort((a, b) => byText(a.key ?? '', b.key ?? ''));
    return { by: cut, rows };
  }

  private titles(tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return ids.length > 0 ? this.deps.titles.titles(tenantId, [...new Set(ids)]) : Promise.resolve(new Map());
  }

  private async currency(caller: Caller): Promise<string> {
    return (await this.deps.tenants.profile(caller.tenantId)).currency;
  }
}
