import type { DomainEvent } from '#domain/events';
import type { Newsletter } from '#domain/newsletters/newsletter';
import type { RecipientPage } from '#domain/newsletters/snapshot';
import type { SnapshotStore } from '#domain/newsletters/stores';
import type { Page, PageRequest } from '#domain/ports';
import { batchWriteAll } from '#table/core/batch';
import { commitChange } from '#table/core/commit-change';
import { stripLayout } from '#table/core/item-mapping';
import { queryAll, queryFirstPage } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { putVersioned } from '#table/core/transact';
import { recipientPageEntity } from './entities';
import { newsletterItem } from './newsletter-store';

export const recipientPageItem = (p: RecipientPage) =>
  recipientPageEntity.item(p, {
    key: { tenantId: p.tenantId, newsletterId: p.newsletterId, reviewId: p.reviewId, first: p.first },
  });

/** A review's snapshot as pages of recipients beside the newsletter. */
export class DynamoSnapshotStore implements SnapshotStore {
  constructor(private readonly table: Table) {}

  async write(pages: readonly RecipientPage[]): Promise<void> {
    await batchWriteAll(this.table, { puts: pages.map(recipientPageItem) });
  }

  async remove(tenantId: string, newsletterId: string, reviewId: string): Promise<void> {
    const keys = await queryAll(
      this.table,
      recipientPageEntity.patterns.ofReview.query({ tenantId, newsletterId, reviewId }),
      {
        ProjectionExpression: 'pk, sk',
      },
    );
    await batchWriteAll(this.table, { deletes: keys.map((k) => ({ pk: String(k.pk), sk: String(k.sk) })) });
  }

  list(
    tenantId: string,
    newsletterId: string,
    reviewId: string,
    page: PageRequest,
  ): Promise<Page<RecipientPage>> {
    return queryPage<RecipientPage>(
      this.table,
      recipientPageEntity.patterns.ofReview.query({ tenantId, newsletterId, reviewId }),
      page,
    );
  }

  async pageOf(
    tenantId: string,
    newsletterId: string,
    reviewId: string,
    contactId: string,
  ): Promise<RecipientPage | undefined> {
    const [item] = await queryFirstPage(
      this.table,
      recipientPageEntity.patterns.holding.query({ tenantId, newsletterId, reviewId, first: contactId }),
      { Limit: 1, ConsistentRead: true },
    );
    const page = item && stripLayout<RecipientPage>(item);
    // The page before this review's first one is another review's, or no page at all.
    return page?.reviewId === reviewId && typeof page.first === 'string' ? page : undefined;
  }

  get(
    tenantId: string,
    newsletterId: string,
    reviewId: string,
    first: string,
  ): Promise<RecipientPage | undefined> {
    return recipientPageEntity.get(this.table, { tenantId, newsletterId, reviewId, first });
  }

  async outline(tenantId: string, newsletterId: string, reviewId: string) {
    const items = await queryAll(
      this.table,
      recipientPageEntity.patterns.ofReview.query({ tenantId, newsletterId, reviewId }),
      {
        ProjectionExpression: '#first, #done',
        ExpressionAttributeNames: { '#first': 'first', '#done': 'done' },
      },
    );
    return items.map((i) => ({ first: String(i.first), done: i.done === true }));
  }

  async select(
    previous: Newsletter,
    next: Newsletter,
    pages: readonly { readonly previous: RecipientPage; readonly next: RecipientPage }[],
    event: DomainEvent,
  ): Promise<void> {
    await commitChange(this.table, {
      resource: 'newsletter',
      id: next.id,
      item: newsletterItem(next),
      expectedVersion: previous.version,
      extra: pages.map((p) => putVersioned(this.table, recipientPageItem(p.next), p.previous.version)),
      extraConflict: {
        code: 'changed-meanwhile',
        message: 'the recipients changed meanwhile; read them again',
      },
      event,
    });
  }
}
