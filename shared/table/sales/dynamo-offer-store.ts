import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { PreparedDeal } from '#domain/sales/deals/deal-service';
import type { Offer, OfferVersion } from '#domain/sales/offers/offer';
import type { OfferStore, StoredOffer } from '#domain/sales/offers/offer-store';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';
import { type Change, commitChange, commitChanges } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { stripLayout } from '#table/core/item-mapping';
import { queryAll } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { putNew } from '#table/core/transact';
import { dealChange } from './deal-store';
import { acceptedOfferEntity, offerEntity, offerVersionEntity } from './entities';

/** The header in its own partition and in its deal's offers (gsi1). */
function headerItem(o: Offer): Record<string, unknown> {
  const at = { tenantId: o.tenantId, offerId: o.id };
  return offerEntity.item(o, { key: at, gsi1: { ...at, dealId: o.dealId } });
}

/**
 * A version beside its header. Written unconditionally: every write of a
 * version goes with the header's conditional write, which orders them.
 */
function versionPut(table: Table, v: OfferVersion): TransactItem {
  return {
    Put: {
      TableName: table.name,
      Item: offerVersionEntity.item(v, {
        key: { tenantId: v.tenantId, offerId: v.offerId, number: v.number },
      }),
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
    const items = await queryAll(this.table, offerEntity.patterns.withVersions.query({ tenantId, offerId }), {
      ConsistentRead: true,
    });
    const header = items.find((item) => item.entity === offerEntity.stored);
    const versions = items
      .filter((item) => item.entity === offerVersionEntity.stored)
      .map((item) => stripLayout<OfferVersion>(item));
    return header ? { offer: stripLayout<Offer>(header), versions } : undefined;
  }

  ofDeal(tenantId: string, dealId: string, page: PageRequest): Promise<Page<Offer>> {
    return queryPage<Offer>(this.table, offerEntity.patterns.ofDeal.query({ tenantId, dealId }), page);
  }

  create(offer: Offer, version: OfferVersion, event: DomainEvent, idempotency?: IdempotencyToken) {
    const stored: StoredOffer = { offer, versions: [version] };
    return commitCreate(this.table, {
      ...offerChange(this.table, undefined, offer, [version], event),
      idempotency,
      response: stored,
    });
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
          putNew(
            this.table,
            acceptedOfferEntity.item(
              { offerId: next.id },
              { key: { tenantId: next.tenantId, dealId: next.dealId } },
            ),
          ),
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
