import type { LedgerBucket } from '#domain/commissions/commission-ledger';
import type { CommissionLedgerWriter } from '#domain/commissions/commission-projection';
import type { CommissionLedgerReader } from '#domain/commissions/commission-reports';
import type { BucketDelta } from '#domain/sales/reports/bucket-delta';
import type { BucketTotal } from '#domain/sales/reports/sales-aggregates';
import {
  addCountersOnce,
  bucketTotalOf,
  counterUpdate,
  markerRetentionSeconds,
} from '#table/core/counters-once';
import type { ItemKey } from '#table/core/key-template';
import { queryAll } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { appliedEventEntity } from '#table/sales/entities';
import { commissionLedgerEntity } from './entities';

const projection = 'COMMISSION-LEDGER';

/** Participants' months sort by user then month; the company's by month then product. */
function keyOf(tenantId: string, bucket: LedgerBucket): ItemKey {
  return bucket.kind === 'participant'
    ? commissionLedgerEntity.key({
        tenantId,
        kind: 'PARTICIPANT',
        position: `${bucket.userId}#${bucket.month}`,
      })
    : commissionLedgerEntity.key({
        tenantId,
        kind: 'COMPANY',
        position: `${bucket.month}#${bucket.productCode}`,
      });
}

/** The statements' aggregates: ADDed once per event, read one Query per statement or report. */
export class DynamoCommissionLedger implements CommissionLedgerWriter, CommissionLedgerReader {
  constructor(private readonly table: Table) {}

  apply(tenantId: string, eventId: string, deltas: readonly BucketDelta<LedgerBucket>[]): Promise<boolean> {
    return addCountersOnce(
      this.table,
      eventId,
      (markerId) => ({
        Put: {
          TableName: this.table.name,
          Item: appliedEventEntity.item(
            // The table's TTL attribute.
            { expiresAt: Math.floor(Date.now() / 1000) + markerRetentionSeconds },
            { key: { tenantId, projection, eventId: markerId } },
          ),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
      deltas.map(({ bucket, amounts }) =>
        counterUpdate(this.table, keyOf(tenantId, bucket), commissionLedgerEntity.stored, bucket, amounts),
      ),
    );
  }

  async participant(tenantId: string, userId: string, toMonth: string): Promise<BucketTotal<LedgerBucket>[]> {
    return this.read(
      commissionLedgerEntity.patterns.range.query({
        tenantId,
        kind: 'PARTICIPANT',
        from: { position: `${userId}#` },
        to: { position: `${userId}#${toMonth}` },
      }),
    );
  }

  async company(tenantId: string, from: string, to: string): Promise<BucketTotal<LedgerBucket>[]> {
    return this.read(
      commissionLedgerEntity.patterns.range.query({
        tenantId,
        kind: 'COMPANY',
        from: { position: `${from}#` },
        to: { position: `${to}#` },
      }),
    );
  }

  private async read(condition: Parameters<typeof queryAll>[1]): Promise<BucketTotal<LedgerBucket>[]> {
    return (await queryAll(this.table, condition)).map((item) => bucketTotalOf<LedgerBucket>(item));
  }
}
