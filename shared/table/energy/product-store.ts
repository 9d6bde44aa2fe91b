import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Product } from '#domain/energy/pricing/product';
import type { ProductFilter, ProductStore } from '#domain/energy/pricing/stores';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { foldForSort, keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';

/** The product item; the price store writes it too, when a list is published. */
export function productItem(p: Product): Record<string, unknown> {
  return {
    ...keys.product(p.tenantId, p.id),
    entity: 'Product',
    gsi2pk: keys.productList(p.tenantId),
    gsi2sk: `${foldForSort(p.name)}#${p.id}`,
    ...p,
  };
}

export class DynamoProductStore implements ProductStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, productId: string): Promise<Product | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.name, Key: keys.product(tenantId, productId) }),
    );
    return Item ? stripLayout<Product>(Item) : undefined;
  }

  async create(product: Product, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await commitChange(this.table, {
      resource: 'product',
      id: product.id,
      item: productItem(product),
      event,
      idempotency,
      response: product,
    });
    return replayed ? { value: replayed as Product, replayed: true } : { value: product, replayed: false };
  }

  async update(previous: Product, next: Product, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'product',
      id: next.id,
      item: productItem(next),
      expectedVersion: previous.version,
      event,
    });
  }

  list(tenantId: string, filter: ProductFilter, page: PageRequest): Promise<Page<Product>> {
    return queryPage<Product>(
      this.table,
      {
        index: 'gsi2',
        partition: keys.productList(tenantId),
        sortKeyPrefix: filter.namePrefix ? foldForSort(filter.namePrefix) : undefined,
        equals: { commodity: filter.commodity },
      },
      page,
    );
  }
}
