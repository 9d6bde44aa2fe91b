import { QueryCommand } from '@aws-sdk/lib-dynamodb';
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
import { keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putNew } from '#table/core/transact';
import { productItem } from './product-store';

/** The sort key of `keys.priceList` without its version: every list of a product. */
const priceListPrefix = keys.priceList('t', 'p', 0).sk.replace(/0+$/, '');
const priceEntryPrefix = keys.priceEntrySk('');

const seriesPk = (s: SeriesRef) => keys.priceSeries(s.tenantId, s.productId, s.territoryCode, s.bandCode);

function priceListItem(list: PriceList): Record<string, unknown> {
  return { ...keys.priceList(list.tenantId, list.productId, list.version), entity: 'PriceList', ...list };
}

function priceEntryItem(tenantId: string, entry: PriceEntry): Record<string, unknown> {
  return {
    pk: seriesPk({ tenantId, ...entry }),
    sk: keys.priceEntrySk(entry.validFrom),
    entity: 'PriceEntry',
    ...entry,
  };
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
      { partition: keys.product(tenantId, productId).pk, sortKeyPrefix: priceListPrefix, newestFirst: true },
      page,
    );
  }

  /** Strongly consistent: a publish decides on it, and must see the lists published just before. */
  latestStartingBefore(series: SeriesRef, end: string | undefined): Promise<PriceEntry | undefined> {
    return end === undefined
      ? this.lastEntry(series, 'begins_with(sk, :bound)', priceEntryPrefix, true)
      : this.lastEntry(series, 'sk < :bound', keys.priceEntrySk(end), true);
  }

  /** One Query: the entry that started last on or before `date`, if it has not ended by then. */
  async priceOn(series: SeriesRef, date: string): Promise<PriceEntry | undefined> {
    const entry = await this.lastEntry(series, 'sk <= :bound', keys.priceEntrySk(date), false);
    return entry && appliesOn(entry, date) ? entry : undefined;
  }

  private async lastEntry(
    series: SeriesRef,
    sortKeyCondition: string,
    bound: string,
    consistent: boolean,
  ): Promise<PriceEntry | undefined> {
    const { Items = [] } = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: `pk = :pk AND ${sortKeyCondition}`,
        ExpressionAttributeValues: { ':pk': seriesPk(series), ':bound': bound },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: consistent,
      }),
    );
    const [item] = Items;
    return item ? stripLayout<PriceEntry>(item) : undefined;
  }
}
