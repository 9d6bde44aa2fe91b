import { NotFoundError, ValidationError } from '#domain/errors';
import type { BucketTotal } from '#domain/sales/reports/sales-aggregates';
import type { SalesActor } from '#domain/sales/sales-ports';
import type { TenantDirectory } from '#domain/tenant';
import type { LedgerBucket, Statement } from './commission-ledger';
import { statementOf } from './commission-ledger';
import { assertCommissionAdmin, isCommissionAdmin } from './commission-service';
import { assertMonths } from './months';

/** The aggregates the reports read, one Query each, their cost bounded by months, never by commissions. */
export interface CommissionLedgerReader {
  /** A participant's buckets of every month up to `month`. */
  participant(tenantId: string, userId: string, toMonth: string): Promise<BucketTotal<LedgerBucket>[]>;
  /** The company part's buckets in the months `from`…`to`. */
  company(tenantId: string, from: string, to: string): Promise<BucketTotal<LedgerBucket>[]>;
}

export interface CompanyMonth {
  readonly month: string;
  readonly productCode: string;
  readonly earnedMinor: number;
  readonly clawedBackMinor: number;
  readonly netMinor: number;
}

/** Statements and the company report (R-CM-3), from the aggregates the ledger consumer keeps. */
export class CommissionReports {
  constructor(
    private readonly deps: {
      readonly ledger: CommissionLedgerReader;
      readonly tenants: TenantDirectory;
    },
  ) {}

  /** A participant's month: their own, or anyone's for an admin (another's answers 404 to a seller). */
  async statement(actor: SalesActor, userId: string, month: string): Promise<Statement> {
    assertMonths({ month });
    if (userId !== actor.userId && !isCommissionAdmin(actor)) throw new NotFoundError('statement', userId);
    const [buckets, tenant] = await Promise.all([
      this.deps.ledger.participant(actor.tenantId, userId, month),
      this.deps.tenants.profile(actor.tenantId),
    ]);
    return statementOf(userId, month, tenant.currency, buckets);
  }

  /** The company part per month and product, admins only. */
  async company(actor: SalesActor, from: string, to: string): Promise<CompanyMonth[]> {
    assertCommissionAdmin(actor);
    assertMonths({ from, to });
    if (to < from) throw new ValidationError([{ name: 'to', reason: 'must not be before from' }]);
    const buckets = await this.deps.ledger.company(actor.tenantId, from, to);
    return buckets.flatMap(({ bucket, amounts }) => {
      if (bucket.kind !== 'company') return [];
      const earned = amounts.earned ?? 0;
      const clawedBack = amounts.clawedBack ?? 0;
      return [
        {
          month: bucket.month,
          productCode: bucket.productCode,
          earnedMinor: earned,
          clawedBackMinor: clawedBack,
          netMinor: earned - clawedBack,
        },
      ];
    });
  }
}
