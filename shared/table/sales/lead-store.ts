import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { type Lead, type LeadStage, type SourceReference, sourceReferenceOf } from '#domain/sales/leads/lead';
import type { LeadMatch, LeadStore } from '#domain/sales/stores';
import { revisionOf } from '#domain/system-writes';
import { type Change, commitChange, type GuardedField } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { getItem } from '#table/core/get-item';
import { claimChange } from '#table/core/guards';
import { queryFirstPage } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';
import {
  leadEntity,
  leadMatchEntity,
  leadReferenceEntity,
  type LeadMatchKind as MatchKind,
} from './entities';

/** A lead in its own partition, in its stage's list (gsi1) and its owner's (gsi2). */
function toItem(l: Lead): Record<string, unknown> {
  const at = { tenantId: l.tenantId, leadId: l.id };
  return leadEntity.item(l, {
    key: at,
    gsi1: { ...at, stage: l.stage },
    gsi2: { ...at, ownerId: l.ownerId },
  });
}

const matchValues = (l: Lead | undefined): [MatchKind, string][] =>
  l
    ? ([
        ['email', l.email],
        ['phone', l.phone],
      ].filter((pair): pair is [MatchKind, string] => pair[1] !== undefined) as [MatchKind, string][])
    : [];

/** The duplicate-detection items of a lead: one per e-mail and phone, moved when they change. */
function matchItems(table: Table, previous: Lead | undefined, next: Lead): TransactItem[] {
  const key = (kind: MatchKind, value: string) => ({ tenantId: next.tenantId, kind, value, leadId: next.id });
  const id = ([kind, value]: [MatchKind, string]) => `${kind}#${value}`;
  const before = new Set(matchValues(previous).map(id));
  const after = matchValues(next);
  const kept = new Set(after.map(id));
  return [
    ...matchValues(previous)
      .filter((pair) => !kept.has(id(pair)))
      .map(([kind, value]) => deleteItem(table, leadMatchEntity.key(key(kind, value)))),
    ...after
      .filter((pair) => !before.has(id(pair)))
      .map(
        ([kind, value]): TransactItem => ({
          Put: {
            TableName: table.name,
            Item: leadMatchEntity.item({ leadId: next.id }, { key: key(kind, value) }),
          },
        }),
      ),
  ];
}

/**
 * A delivered lead's claim on its source reference. It is made once, when
 * the lead is created, and kept: it records what the source delivered, so
 * an edit of the lead's external id does not make the inquiry new again.
 */
function sourceReferenceClaim(table: Table, lead: Lead): GuardedField[] {
  const reference = sourceReferenceOf(lead.attribution);
  if (!reference) return [];
  const keyOf = (externalId: string) =>
    leadReferenceEntity.key({ tenantId: lead.tenantId, sourceId: reference.sourceId, externalId });
  return [
    {
      field: 'attribution.externalId',
      change: claimChange(table, lead.id, undefined, reference.externalId, keyOf),
      takenCode: 'already-exists',
      takenMessage: 'the lead source delivered a lead with this external id before',
    },
  ];
}

/** The writes of one lead change, to commit alone or with other changes (a conversion). */
export function leadChange(
  table: Table,
  previous: Lead | undefined,
  next: Lead,
  event: DomainEvent,
): Change & { readonly response: Lead } {
  return {
    resource: 'lead',
    id: next.id,
    item: toItem(next),
    expectedVersion: previous?.version,
    expectedRevision: previous && revisionOf(previous),
    extra: matchItems(table, previous, next),
    event,
    response: next,
  };
}

export class DynamoLeadStore implements LeadStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, leadId: string): Promise<Lead | undefined> {
    return leadEntity.get(this.table, { tenantId, leadId });
  }

  create(lead: Lead, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, {
      ...leadChange(this.table, undefined, lead, event),
      guards: sourceReferenceClaim(this.table, lead),
      idempotency,
    });
  }

  async bySourceReference(tenantId: string, reference: SourceReference): Promise<Lead | undefined> {
    const claim = await getItem(this.table, leadReferenceEntity.key({ tenantId, ...reference }));
    return typeof claim?.ownerId === 'string' ? this.get(tenantId, claim.ownerId) : undefined;
  }

  async update(previous: Lead, next: Lead, event: DomainEvent): Promise<void> {
    await commitChange(this.table, leadChange(this.table, previous, next, event));
  }

  async matches(tenantId: string, by: { email?: string; phone?: string }): Promise<LeadMatch[]> {
    const found: LeadMatch[] = [];
    for (const kind of ['email', 'phone'] as const) {
      const value = by[kind];
      if (!value) continue;
      const items = await queryFirstPage(
        this.table,
        leadMatchEntity.patterns.leadsWithValue.query({ tenantId, kind, value }),
        // A value shared by more leads than this is reported with the first ones.
        { Limit: 20 },
      );
      for (const item of items) found.push({ leadId: String(item.leadId), matchedOn: kind });
    }
    return found;
  }

  inStage(tenantId: string, stage: LeadStage, page: PageRequest): Promise<Page<Lead>> {
    return queryPage<Lead>(this.table, leadEntity.patterns.inStage.query({ tenantId, stage }), page);
  }

  ofOwner(tenantId: string, ownerId: string | undefined, page: PageRequest): Promise<Page<Lead>> {
    return queryPage<Lead>(this.table, leadEntity.patterns.ofOwner.query({ tenantId, ownerId }), page);
  }
}
