import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { PreparedDeal } from '#domain/sales/deals/deal-service';
import type { Offer, OfferVersion } from '#domain/sales/offers/offer';
import type { OfferStore, StoredOffer } from '#domain/sales/offers/offer-store';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';
import { type Change, commitChange, commitChanges } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { putNew } from '#table/core/transact';
import { dealChange } from './deal-store';
import { salesKeys } from './sales-keys';

const headerSk = salesKeys.offer('', '').sk;

/** The header in its own partition and in its deal's offers (gsi1). */
function headerItem(o: Offer): Record<string, unknown> {
  return {
    ...salesKeys.offer(o.tenantId, o.id),
    entity: 'Offer',
    gsi1pk: salesKeys.offersOfDeal(o.tenantId, o.dealId),
    gsi1sk: salesKeys.offerInDeal(o.id),
    ...o,
  };
}

/**
 * A version beside its header. Written unconditionally: every write of a
 * version goes with the header's conditional write, which orders them.
 */
function versionPut(table: Table, v: OfferVersion): TransactItem {
  return {
    Put: {
      TableName: table.name,
      Item: { ...salesKeys.offerVersion(v.tenantId, v.offerId, v.number), entity: 'OfferVersion', ...v },
    },
  };
}

function offerChange(
  table: Table,
  previous: Offer | undefined,
  next: Offer,
  versions: readonly OfferVersion[],
  event: DomainEvent,
): Change {
  return {
    resource: 'offer',
    id: next.id,
    item: headerItem(next),
    expectedVersion: previous?.version,
    extra: versions.map((v) => versionPut(table, v)),
    event,
  };
}

export class DynamoOfferStore implements OfferStore {
  /** `settingUsage`: the same usage counters the deal store keeps, for the deal an acceptance wins. */
  constructor(
    private readonly table: Table,
    private readonly settingUsage?: SettingUsageItems,
  ) {}

  /** One Query of the offer's partition: the header sorts before its versions (`OFFER` < `VERSION#…`). */
  async get(tenantId: string, offerId: string): Promise<StoredOffer | undefined> {
    let offer: Offer | undefined;
    const versions: OfferVersion[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': salesKeys.offer(tenantId, offerId).pk },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.sk === headerSk) offer = stripLayout<Offer>(item);
        else if (String(item.sk).startsWith(salesKeys.offerVersionPrefix)) versions.push(stripLayout(item));
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return offer ? { offer, versions } : undefined;
  }

  ofDeal(tenantId: string, dealId: string, page: PageRequest): Promise<Page<Offer>> {
    return queryPage<Offer>(
      this.table,
      {
        index: 'gsi1',
        partition: salesKeys.offersOfDeal(tenantId, dealId),
        sortKeyPrefix: salesKeys.offerInDeal(''),
        newestFirst: true,
      },
      page,
    );
  }

  async create(offer: Offer, version: OfferVersion, event: DomainEvent, idempotency?: IdempotencyToken) {
    const stored: StoredOffer = { offer, versions: [version] };
    const { replayed } = await commitChange(this.table, {
      ...offerChange(this.table, undefined, offer, [version], event),
      idempotency,
      response: stored,
    });
    return replayed ? { value: replayed as StoredOffer, replayed: true } : { value: stored, replayed: false };
  }

  async update(
    previous: Offer,
    next: Offer,
    versions: readonly OfferVersion[],
    event: DomainEvent,
  ): Promise<void> {
    await commitChange(this.table, offerChange(this.table, previous, next, versions, event));
  }

  async accept(
    previous: Offer,
    next: Offer,
    versions: readonly OfferVersion[],
    event: DomainEvent,
    won: PreparedDeal | undefined,
  ): Promise<void> {
    const change = offerChange(this.table, previous, next, versions, event);
    await commitChanges(this.table, [
      {
        ...change,
        // One accepted offer per deal, whatever the deal's stage: two acceptances racing cannot both win.
        extra: [
          ...(change.extra ?? []),
          putNew(this.table, { ...salesKeys.acceptedOffer(next.tenantId, next.dealId), offerId: next.id }),
        ],
        extraConflict: {
          code: 'invalid-state',
          message: 'another offer of this deal was accepted meanwhile',
        },
      },
      ...(won ? [dealChange(this.table, won.previous, won.deal, won.event, this.settingUsage)] : []),
    ]);
  }
}
