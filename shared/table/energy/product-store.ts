import type { Product } from '#domain/energy/pricing/product';
import type { ProductFilter, ProductStore } from '#domain/energy/pricing/stores';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { productEntity } from './entities';

/** The product item; the price store writes it too, when a list is published. */
export function productItem(p: Product): Record<string, unknown> {
  const at = { tenantId: p.tenantId, productId: p.id };
  return productEntity.item(p, { key: at, gsi2: { ...at, name: p.name } });
}

export class DynamoProductStore implements ProductStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, productId: string): Promise<Product | undefined> {
    return productEntity.get(this.table, { tenantId, productId }, 'eventual');
  }

  create(product: Product, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, {
      resource: 'product',
      id: product.id,
      item: productItem(product),
      event,
      idempotency,
      response: product,
    });
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
        ...productEntity.patterns.byName.query({ tenantId, name: filter.namePrefix }),
        equals: { commodity: filter.commodity },
      },
      page,
    );
  }
}
