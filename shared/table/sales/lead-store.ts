import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Lead, LeadStage } from '#domain/sales/leads/lead';
import type { LeadMatch, LeadStore } from '#domain/sales/stores';
import { type Change, commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';
import { salesKeys } from './sales-keys';

/** A lead in its own partition, in its stage's list (gsi1) and its owner's (gsi2). */
function toItem(l: Lead): Record<string, unknown> {
  return {
    ...salesKeys.lead(l.tenantId, l.id),
    entity: 'Lead',
    gsi1pk: salesKeys.leadsInStage(l.tenantId, l.stage),
    gsi1sk: l.id,
    gsi2pk: salesKeys.leadsOfOwner(l.tenantId, l.ownerId),
    gsi2sk: l.id,
    ...l,
  };
}

type MatchKind = 'email' | 'phone';
const matchValues = (l: Lead | undefined): [MatchKind, string][] =>
  l
    ? ([
        ['email', l.email],
        ['phone', l.phone],
      ].filter((pair): pair is [MatchKind, string] => pair[1] !== undefined) as [MatchKind, string][])
    : [];

/** The duplicate-detection items of a lead: one per e-mail and phone, moved when they change. */
function matchItems(table: Table, previous: Lead | undefined, next: Lead): TransactItem[] {
  const key = (kind: MatchKind, value: string) => ({
    pk: salesKeys.leadMatch(next.tenantId, kind, value),
    sk: salesKeys.leadMatchSk(next.id),
  });
  const id = ([kind, value]: [MatchKind, string]) => `${kind}#${value}`;
  const before = new Set(matchValues(previous).map(id));
  const after = matchValues(next);
  const kept = new Set(after.map(id));
  return [
    ...matchValues(previous)
      .filter((pair) => !kept.has(id(pair)))
      .map(([kind, value]) => deleteItem(table, key(kind, value))),
    ...after
      .filter((pair) => !before.has(id(pair)))
      .map(
        ([kind, value]): TransactItem => ({
          Put: { TableName: table.name, Item: { ...key(kind, value), entity: 'LeadMatch', leadId: next.id } },
        }),
      ),
  ];
}

/** The writes of one lead change, to commit alone or with other changes (a conversion). */
export function leadChange(table: Table, previous: Lead | undefined, next: Lead, event: DomainEvent): Change {
  return {
    resource: 'lead',
    id: next.id,
    item: toItem(next),
    expectedVersion: previous?.version,
    extra: matchItems(table, previous, next),
    event,
    response: next,
  };
}

export class DynamoLeadStore implements LeadStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, leadId: string): Promise<Lead | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: salesKeys.lead(tenantId, leadId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<Lead>(Item) : undefined;
  }

  async create(lead: Lead, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await commitChange(this.table, {
      ...leadChange(this.table, undefined, lead, event),
      idempotency,
    });
    return replayed ? { value: replayed as Lead, replayed: true } : { value: lead, replayed: false };
  }

  async update(previous: Lead, next: Lead, event: DomainEvent): Promise<void> {
    await commitChange(this.table, leadChange(this.table, previous, next, event));
  }

  async matches(tenantId: string, by: { email?: string; phone?: string }): Promise<LeadMatch[]> {
    const found: LeadMatch[] = [];
    for (const kind of ['email', 'phone'] as const) {
      const value = by[kind];
      if (!value) continue;
      const { Items = [] } = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': salesKeys.leadMatch(tenantId, kind, value) },
          // A value shared by more leads than this is reported with the first ones.
          Limit: 20,
        }),
      );
      for (const item of Items) found.push({ leadId: String(item.leadId), matchedOn: kind });
    }
    return found;
  }

  inStage(tenantId: string, stage: LeadStage, page: PageRequest): Promise<Page<Lead>> {
    return queryPage<Lead>(
      this.table,
      { index: 'gsi1', partition: salesKeys.leadsInStage(tenantId, stage), newestFirst: true },
      page,
    );
  }

  ofOwner(tenantId: string, ownerId: string | undefined, page: PageRequest): Promise<Page<Lead>> {
    return queryPage<Lead>(
      this.table,
      { index: 'gsi2', partition: salesKeys.leadsOfOwner(tenantId, ownerId), newestFirst: true },
      page,
    );
  }
}
