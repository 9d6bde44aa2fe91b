import type { DomainEvent } from '#domain/events';
import type { Newsletter, NewsletterStatus } from '#domain/newsletters/newsletter';
import { type NewsletterProgress, noProgress } from '#domain/newsletters/send-record';
import type { NewsletterStore } from '#domain/newsletters/stores';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { getItem } from '#table/core/get-item';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { newsletterEntity, newsletterProgressEntity } from './entities';

export const newsletterItem = (n: Newsletter) =>
  newsletterEntity.item(n, {
    key: { tenantId: n.tenantId, newsletterId: n.id },
    ...(n.deletedAt ? {} : { gsi2: { tenantId: n.tenantId, newsletterId: n.id } }),
  });

/** Newsletters, each change one transaction with its event; progress counters in their own item. */
export class DynamoNewsletterStore implements NewsletterStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, newsletterId: string): Promise<Newsletter | undefined> {
    return newsletterEntity.get(this.table, { tenantId, newsletterId });
  }

  list(
    tenantId: string,
    filter: { readonly status?: NewsletterStatus },
    page: PageRequest,
  ): Promise<Page<Newsletter>> {
    return queryPage<Newsletter>(
      this.table,
      { ...newsletterEntity.patterns.all.query({ tenantId }), equals: { status: filter.status } },
      page,
    );
  }

  create(
    newsletter: Newsletter,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Newsletter>> {
    return commitCreate(this.table, {
      resource: 'newsletter',
      id: newsletter.id,
      item: newsletterItem(newsletter),
      event,
      ...(idempotency ? { idempotency } : {}),
      response: newsletter,
    });
  }

  async update(previous: Newsletter, next: Newsletter, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'newsletter',
      id: next.id,
      item: newsletterItem(next),
      expectedVersion: previous.version,
      event,
    });
  }

  async progress(tenantId: string, newsletterId: string): Promise<NewsletterProgress> {
    const item = await getItem(this.table, newsletterProgressEntity.key({ tenantId, newsletterId }));
    const counts: Record<string, number> = { ...noProgress };
    for (const name of Object.keys(noProgress))
      if (typeof item?.[name] === 'number') counts[name] = item[name] as number;
    return counts as unknown as NewsletterProgress;
  }
}
