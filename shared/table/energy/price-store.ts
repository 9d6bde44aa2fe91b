import { appliesOn, entriesOf, type PriceEntry, type PriceList } from '#domain/energy/pricing/price-list';
import type { Product } from '#domain/energy/pricing/product';
import type { PriceStore, SeriesRef } from '#domain/energy/pricing/stores';
import { ConflictError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { HttpError } from '#http/http-error';
import { commitChange } from '#table/core/commit-change';
import { replayOf } from '#table/core/idempotency';
import { stripLayout } from '#table/core/item-mapping';
import type { KeyCondition } from '#table/core/key-condition';
import { queryFirstPage } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew } from '#table/core/transact';
import { priceEntryEntity, priceListEntity } from './entities';
import { productItem } from './product-store';

function priceListItem(list: PriceList): Record<string, unknown> {
  const { tenantId, productId, version } = list;
  return priceListEntity.item(list, { key: { tenantId, productId, version } });
}

function priceEntryItem(tenantId: string, entry: PriceEntry): Record<string, unknown> {
  return priceEntryEntity.item(entry, { key: { tenantId, ...entry } });
}

export class DynamoPriceStore implements PriceStore {
  constructor(private readonly table: Table) {}

  async publish(
    previous: Product,
    next: Product,
    list: PriceList,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<PriceList>> {
    try {
      const { replayed } = await commitChange(this.table, {
        resource: 'product',
        id: next.id,
        // The product carries the list count: its version condition serialises publishes.
        item: productItem(next),
        expectedVersion: previous.version,
        lookups: [
          putNew(this.table, priceListItem(list)),
          ...entriesOf(list).map((entry) => putNew(this.table, priceEntryItem(list.tenantId, entry))),
        ],
        event,
        idempotency,
        response: list,
      });
      return replayed ? { value: replayed as PriceList, replayed: true } : { value: list, replayed: false };
    } catch (error) {
      if (!(error instanceof VersionMismatchError)) throw error;
      throw new ConflictError(
        'changed-meanwhile',
        `product ${next.id} changed while this price list was being published (another list was published, or the product was edited); retry`,
        [],
        { cause: error },
      );
    }
  }

  async replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<PriceList | undefined> {
    try {
      return await replayOf<PriceList>(this.table, tenantId, idempotency);
    } catch (error) {
      // No record: the key was never used, so there is nothing to replay.
      if (error instanceof HttpError && error.code === 'idempotency-in-progress') return undefined;
      throw error;
    }
  }

  list(tenantId: string, productId: string, page: PageRequest): Promise<Page<PriceList>> {
    return queryPage<PriceList>(
      this.table,
      priceListEntity.patterns.ofProduct.query({ tenantId, productId }),
      page,
    );
  }

  version(tenantId: string, productId: string, version: number): Promise<PriceList | undefined> {
    return priceListEntity.get(this.table, { tenantId, productId, version });
  }

  /** Strongly consistent: a publish decides on it, and must see the lists published just before. */
  latestStartingBefore(series: SeriesRef, end: string | undefined): Promise<PriceEntry | undefined> {
    const { lastStart, lastStartBefore } = priceEntryEntity.patterns;
    return end === undefined
      ? this.lastEntry(lastStart.query(series), true)
      : this.lastEntry(lastStartBefore.query({ ...series, validFrom: end }), true);
  }

  /** One Query: the entry that started last on or before `date`, if it has not ended by then. */
  async priceOn(series: SeriesRef, date: string): Promise<PriceEntry | undefined> {
    const entry = await this.lastEntry(
      priceEntryEntity.patterns.onDay.query({ ...series, validFrom: date }),
      false,
    );
    return entry && appliesOn(entry, date) ? entry : undefined;
  }

  private async lastEntry(newestFirst: KeyCondition, consistent: boolean): Promise<PriceEntry | undefined> {
    const [item] = await queryFirstPage(this.table, newestFirst, { Limit: 1, ConsistentRead: consistent });
    return item ? stripLayout<PriceEntry>(item) : undefined;
  }
}
