import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Commission, CommissionGap } from '#domain/commissions/commission';
import type { Outcome } from '#domain/commissions/commission-generation';
import type {
  CommissionDueEntry,
  CommissionFilter,
  CommissionStore,
  DebtChanges,
} from '#domain/commissions/commission-stores';
import { plusDays } from '#domain/contracts/supply-start';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Page, PageRequest } from '#domain/ports';
import { stripLayout } from '#table/core/item-mapping';
import { queryKeyInput } from '#table/core/key-condition';
import { outboxPut } from '#table/core/outbox';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { deleteItem, putNew, putVersioned, type TransactItem, transactWrite } from '#table/core/transact';
import {
  commissionDebtEntity,
  commissionDueEntity,
  commissionEntity,
  commissionGapEntity,
  commissionGuardEntity,
  commissionMonthEntity,
} from './entities';

/** The commission with its placement; `members` lets a seller's list filter by participation. */
function commissionItem(c: Commission): Record<string, unknown> {
  const at = { tenantId: c.tenantId, commissionId: c.id };
  return {
    ...commissionEntity.item(c, { key: at, gsi2: at }),
    members: c.participants.map((p) => p.userId),
  };
}

const dueDays = (c: Commission) => [...new Set(c.instalments.map((i) => i.dueDate))];
const dueMonths = (c: Commission) => [...new Set(c.instalments.map((i) => i.dueDate.slice(0, 7)))];

/** A debt moved by `amount`: owed more (a clawback), or less (a recovery, never below 0). */
function debtUpdate(table: Table, tenantId: string, userId: string, amount: number): TransactItem {
  const names = { '#debt': 'debtMinor', '#entity': 'entity' };
  return {
    Update: {
      TableName: table.name,
      Key: commissionDebtEntity.key({ tenantId, userId }),
      UpdateExpression: 'SET #entity = :entity ADD #debt :amount',
      ...(amount < 0 ? { ConditionExpression: '#debt >= :owed' } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':entity': commissionDebtEntity.stored,
        ':amount': amount,
        ...(amount < 0 ? { ':owed': -amount } : {}),
      },
    },
  };
}

export class DynamoCommissionStore implements CommissionStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, commissionId: string): Promise<Commission | undefined> {
    return commissionEntity.get(this.table, { tenantId, commissionId });
  }

  gap(tenantId: string, contractId: string): Promise<CommissionGap | undefined> {
    return commissionGapEntity.get(this.table, { tenantId, contractId });
  }

  async record(outcome: Outcome, event: DomainEvent, replacesGap = false): Promise<boolean> {
    const { tenantId, contractId } = outcome.kind === 'commission' ? outcome.commission : outcome.gap;
    const guardKey = { tenantId, contractId };
    const guardItem = commissionGuardEntity.item({ outcome: outcome.kind }, { key: guardKey });
    const guard: TransactItem = replacesGap
      ? {
          Put: {
            TableName: this.table.name,
            Item: guardItem,
            ConditionExpression: '#outcome = :gap',
            ExpressionAttributeNames: { '#outcome': 'outcome' },
            ExpressionAttributeValues: { ':gap': 'gap' },
          },
        }
      : putNew(this.table, guardItem);
    const gapKey = commissionGapEntity.key(guardKey);
    const writes: TransactItem[] =
      outcome.kind === 'gap'
        ? [
            {
              Put: {
                TableName: this.table.name,
                Item: commissionGapEntity.item(outcome.gap, { key: guardKey }),
              },
            },
          ]
        : this.commissionWrites(outcome.commission, replacesGap ? [deleteItem(this.table, gapKey)] : []);
    try {
      await transactWrite(this.table, [guard, ...writes, outboxPut(this.table, event)], (codes) =>
        codes[0] === 'ConditionalCheckFailed' ? new GuardTaken() : undefined,
      );
      return true;
    } catch (error) {
      if (error instanceof GuardTaken) return false;
      throw error;
    }
  }

  /** The commission, its due entries and month index items, and whatever else the write replaces. */
  private commissionWrites(c: Commission, extra: TransactItem[]): TransactItem[] {
    return [
      putNew(this.table, commissionItem(c)),
      ...dueDays(c).map((due) => ({
        Put: {
          TableName: this.table.name,
          Item: commissionDueEntity.item(
            { tenantId: c.tenantId, commissionId: c.id },
            { key: { due, tenantId: c.tenantId, commissionId: c.id } },
          ),
        },
      })),
      ...dueMonths(c).map((month) => ({
        Put: {
          TableName: this.table.name,
          Item: commissionMonthEntity.item(
            { commissionId: c.id },
            { key: { tenantId: c.tenantId, month, commissionId: c.id } },
          ),
        },
      })),
      ...extra,
    ];
  }

  async change(
    previous: Commission,
    next: Commission,
    event: DomainEvent,
    debts?: DebtChanges,
  ): Promise<void> {
    const debtWrites = [...(debts ?? [])]
      .filter(([, amount]) => amount !== 0)
      .map(([userId, amount]) => debtUpdate(this.table, next.tenantId, userId, amount));
    await transactWrite(
      this.table,
      [
        putVersioned(this.table, commissionItem(next), previous.version),
        ...debtWrites,
        outboxPut(this.table, event),
      ],
      // A debt settled by another payment meanwhile, or a write racing on the same items, is a
      // lost race too: the caller reads both again.
      (codes) =>
        codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')
          ? new VersionMismatchError('commission', next.id)
          : undefined,
    );
  }

  list(tenantId: string, filter: CommissionFilter, page: PageRequest): Promise<Page<Commission>> {
    return queryPage<Commission>(
      this.table,
      {
        ...commissionEntity.patterns.all.query({ tenantId }),
        equals: { state: filter.state },
        contains: { members: filter.memberId },
      },
      page,
      (item) => {
        const { members: _members, ...rest } = item;
        return stripLayout<Commission>(rest);
      },
    );
  }

  gaps(tenantId: string, page: PageRequest): Promise<Page<CommissionGap>> {
    return queryPage<CommissionGap>(this.table, commissionGapEntity.patterns.all.query({ tenantId }), page);
  }

  async ofMonth(tenantId: string, month: string, page: PageRequest): Promise<Page<string>> {
    const found = await queryPage<{ commissionId: string }>(
      this.table,
      commissionMonthEntity.patterns.ofMonth.query({ tenantId, month }),
      page,
    );
    return { ...found, items: found.items.map((i) => i.commissionId) };
  }

  async dueBy(day: string, limit: number): Promise<CommissionDueEntry[]> {
    // Entries of `day` itself sort after `day` (`<day>#<tenant>#…`): read up to the next day.
    const query = commissionDueEntity.patterns.dueBy.query({ due: plusDays(day, 1) });
    const result = await this.table.client.send(
      new QueryCommand({ TableName: this.table.name, ...queryKeyInput(query), Limit: limit }),
    );
    return (result.Items ?? []).map((item) => {
      const [due = '', tenantId = '', commissionId = ''] = String(item.sk).split('#');
      return { due, tenantId, commissionId };
    });
  }

  async removeDue(entry: CommissionDueEntry): Promise<void> {
    await this.table.client.send(
      new DeleteCommand({ TableName: this.table.name, Key: commissionDueEntity.key(entry) }),
    );
  }

  async debts(tenantId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    const debts = new Map<string, number>();
    const unique = [...new Set(userIds)];
    // A deal has at most 20 participants: one BatchGetItem of up to 100 keys.
    for (let start = 0; start < unique.length; start += 100) {
      let request: Record<string, unknown>[] | undefined = unique
        .slice(start, start + 100)
        .map((userId) => ({ ...commissionDebtEntity.key({ tenantId, userId }) }));
      while (request && request.length > 0) {
        const result: BatchGetCommandOutput = await this.table.client.send(
          new BatchGetCommand({
            RequestItems: { [this.table.name]: { Keys: request, ConsistentRead: true } },
          }),
        );
        for (const item of result.Responses?.[this.table.name] ?? []) {
          debts.set(String(item.sk), Number(item.debtMinor ?? 0));
        }
        request = result.UnprocessedKeys?.[this.table.name]?.Keys;
      }
    }
    return debts;
  }
}

/** The guard was there: this outcome was recorded before. */
class GuardTaken extends Error {}
