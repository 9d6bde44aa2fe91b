import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountIdsPage, IndustryAccounts } from '#domain/settings/stores';
import { accountEntity } from '#table/accounts/entities';
import { type CursorKey, decodeCursor, encodeCursor } from '#table/core/cursor';
import { queryKeyInput } from '#table/core/key-condition';
import type { Table } from '#table/core/table';

const liveAccounts = (tenantId: string) => accountEntity.patterns.ofIndustry.query({ tenantId });

/**
 * The accounts of an industry, for the move-customers job.
 *
 * Interim access pattern: there is no index by industry yet, so this reads
 * the tenant's account list (gsi2 `T#<tenantId>#ACCOUNTS`, every live account, by
 * name) with a FilterExpression on `industryId`, page by page, with a cursor
 * the job keeps. It is a Query, never a Scan, and only runs in the job, never
 * on a request path; its cost is the tenant's whole account list per pass.
 * Once accounts are indexed by industry, only this class changes.
 */
export class DynamoIndustryAccounts implements IndustryAccounts {
  constructor(private readonly table: Table) {}

  private cursorKey(tenantId: string): CursorKey {
    return {
      attributes: ['pk', 'sk', 'gsi2pk', 'gsi2sk'],
      partition: { attribute: 'gsi2pk', value: liveAccounts(tenantId).partition },
    };
  }

  private query(
    tenantId: string,
    industryId: string,
    startKey: Record<string, unknown> | undefined,
    limit?: number,
    countOnly = false,
  ) {
    const key = queryKeyInput(liveAccounts(tenantId));
    return this.table.client.send(
      new QueryCommand({
        TableName: this.table.name,
        ...key,
        FilterExpression: 'industryId = :industry',
        ExpressionAttributeValues: { ...key.ExpressionAttributeValues, ':industry': industryId },
        ...(countOnly
          ? { Select: 'COUNT' as const }
          : { ProjectionExpression: 'pk, sk, gsi2pk, gsi2sk, id' }),
        ...(limit ? { Limit: limit } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
  }

  async count(tenantId: string, industryId: string, cursor: string | undefined, maxPages: number) {
    let startKey: Record<string, unknown> | undefined = decodeCursor(cursor, this.cursorKey(tenantId));
    let total = 0;
    for (let page = 0; page < maxPages; page++) {
      const result = await this.query(tenantId, industryId, startKey, undefined, true);
      total += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return { count: total, cursor: encodeCursor(startKey) };
  }

  async next(
    tenantId: string,
    industryId: string,
    cursor: string | undefined,
    limits: { readonly maxMatches: number; readonly maxEvaluated: number },
  ): Promise<AccountIdsPage> {
    let startKey: Record<string, unknown> | undefined = decodeCursor(cursor, this.cursorKey(tenantId));
    const accountIds: string[] = [];
    let evaluated = 0;
    // Start by reading as many as are wanted (a dense industry); read more per page when matches are sparse.
    let limit = Math.max(1, limits.maxMatches);
    while (accountIds.length < limits.maxMatches && evaluated < limits.maxEvaluated) {
      const result = await this.query(
        tenantId,
        industryId,
        startKey,
        Math.min(limit, limits.maxEvaluated - evaluated),
      );
      evaluated += result.ScannedCount ?? 0;
      const items = result.Items ?? [];
      const room = limits.maxMatches - accountIds.length;
      if (items.length > room) {
        // Stop after the last account taken: the listing goes on right after it.
        const last = items[room - 1] as Record<string, unknown>;
        accountIds.push(...items.slice(0, room).map((i) => i.id as string));
        startKey = { pk: last.pk, sk: last.sk, gsi2pk: last.gsi2pk, gsi2sk: last.gsi2sk };
        break;
      }
      accountIds.push(...items.map((i) => i.id as string));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
      limit = Math.min(limit * 2, 1000);
    }
    return { accountIds, ...(startKey ? { cursor: encodeCursor(startKey) } : {}) };
  }
}
