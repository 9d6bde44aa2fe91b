import type { CommissionRule, RuleVersion } from '#domain/commissions/commission-rule';
import type { CommissionRuleStore } from '#domain/commissions/commission-stores';
import { ConflictError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import { stripLayout } from '#table/core/item-mapping';
import { outboxPut } from '#table/core/outbox';
import { queryAll } from '#table/core/query-all';
import type { Table } from '#table/core/table';
import { putNew, type TransactItem, transactWrite } from '#table/core/transact';
import { commissionRuleSetEntity, commissionRuleVersionEntity } from './entities';

/** The tenant's commission rules: one partition, every version and the rule set's revision. */
export class DynamoCommissionRuleStore implements CommissionRuleStore {
  constructor(private readonly table: Table) {}

  async all(tenantId: string): Promise<{ rules: CommissionRule[]; revision: number }> {
    const items = await queryAll(this.table, commissionRuleVersionEntity.patterns.all.query({ tenantId }), {
      ConsistentRead: true,
    });
    const byRule = new Map<string, RuleVersion[]>();
    let revision = 0;
    for (const item of items) {
      if (item.entity === commissionRuleSetEntity.stored) revision = Number(item.revision);
      if (item.entity !== commissionRuleVersionEntity.stored) continue;
      const version = stripLayout<RuleVersion>(item);
      byRule.set(version.ruleId, [...(byRule.get(version.ruleId) ?? []), version]);
    }
    // Keys sort versions in order within a rule; rules by id, which sorts by creation.
    const rules = [...byRule].map(([id, versions]) => ({ id, versions }));
    return { rules, revision };
  }

  async save(tenantId: string, version: RuleVersion, revision: number, event: DomainEvent): Promise<void> {
    const set = commissionRuleSetEntity.item({ revision: revision + 1 }, { key: { tenantId } });
    const setPut: TransactItem =
      revision === 0
        ? putNew(this.table, set)
        : {
            Put: {
              TableName: this.table.name,
              Item: set,
              ConditionExpression: '#revision = :revision',
              ExpressionAttributeNames: { '#revision': 'revision' },
              ExpressionAttributeValues: { ':revision': revision },
            },
          };
    const versionItem = commissionRuleVersionEntity.item(version, {
      key: { tenantId, ruleId: version.ruleId, version: version.version },
    });
    await transactWrite(
      this.table,
      [setPut, putNew(this.table, versionItem), outboxPut(this.table, event)],
      (codes) =>
        codes.some((c) => c === 'ConditionalCheckFailed')
          ? new ConflictError('changed-meanwhile', 'another commission rule was saved meanwhile')
          : undefined,
    );
  }
}
