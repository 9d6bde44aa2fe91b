import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '#domain/events';
import type { IdentifierKind } from '#domain/import/duplicates';
import {
  type ExistingData,
  type ExistingDataQuery,
  type ExistingDataReader,
  type IdentifierOwner,
  identifierKey,
} from '#domain/import/existing-data';
import type { ImportJob, ImportStore } from '#domain/import/import-job';
import type { IdempotencyToken } from '#domain/ports';
import { accountEntity, contactEntity, lookupOwnersEntity } from '#table/accounts/entities';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { uniqueEntity } from '#table/core/entities';
import type { ItemKey } from '#table/core/key-template';
import { replaceVersioned } from '#table/core/replace-versioned';
import type { Table } from '#table/core/table';
import { importEntity } from './entities';

const toItem = (job: ImportJob): Record<string, unknown> =>
  importEntity.item(job, { key: { tenantId: job.tenantId, importId: job.id } });

export class DynamoImportStore implements ImportStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, importId: string): Promise<ImportJob | undefined> {
    return importEntity.get(this.table, { tenantId, importId });
  }

  create(job: ImportJob, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, {
      resource: 'import',
      id: job.id,
      item: toItem(job),
      event,
      idempotency,
      response: job,
    });
  }

  async update(previous: ImportJob, next: ImportJob, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'import',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous.version,
      event,
    });
  }

  async saveProgress(previous: ImportJob, next: ImportJob): Promise<void> {
    await replaceVersioned(this.table, toItem(next), previous.version, { type: 'import', id: next.id });
  }
}

/** BatchGetItem's limit of keys per request. */
const batchLimit = 100;
const batchAttempts = 6;

const uniqueKinds: Partial<Record<IdentifierKind, 'orgNumber' | 'customerId'>> = {
  orgNumber: 'orgNumber',
  customerId: 'customerId',
};

/** An e-mail's or phone's first owner, as the first item of its lookup partition would name it. */
function firstOwner(item: Record<string, unknown>): IdentifierOwner | undefined {
  const owners = item.owners as ReadonlySet<string> | undefined;
  if (!owners || owners.size === 0) return undefined;
  // Lookup sort keys are ASCII (`ACCOUNT#<id>`, `CONTACT#<id>`): string order is DynamoDB's byte order.
  const first = [...owners].reduce((a, b) => (b < a ? b : a));
  const [subject, id] = first.split('#', 2) as [string, string];
  return { type: subject === 'ACCOUNT' ? 'account' : 'contact', id };
}

/**
 * What of an import batch already exists, in few requests and no Scan: one
 * BatchGetItem per 100 keys for the rows' own account and contact items,
 * the uniqueness guards (organisation number, customer id) and the owners
 * items of the batch's e-mails and phone numbers.
 */
export class DynamoExistingDataReader implements ExistingDataReader {
  constructor(private readonly table: Table) {}

  async find(tenantId: string, query: ExistingDataQuery): Promise<ExistingData> {
    const accounts = new Map<string, { createdAt: string }>();
    const contacts = new Set<string>();
    const taken = new Map<string, IdentifierOwner>();

    const byPk = new Map<string, (item: Record<string, unknown>) => void>();
    const accountKey = (accountId: string) => accountEntity.key({ tenantId, accountId });
    const contactKey = (contactId: string) => contactEntity.key({ tenantId, contactId });
    for (const id of query.accountIds) {
      byPk.set(accountKey(id).pk, (item) => accounts.set(id, { createdAt: item.createdAt as string }));
    }
    for (const id of query.contactIds) {
      byPk.set(contactKey(id).pk, () => contacts.add(id));
    }
    const getKeys: ItemKey[] = [...query.accountIds.map(accountKey), ...query.contactIds.map(contactKey)];
    for (const { kind, value } of query.identifiers) {
      const unique = uniqueKinds[kind];
      const key = unique
        ? uniqueEntity.key({ tenantId, kind: unique, value })
        : lookupOwnersEntity.key({ tenantId, kind: kind as 'email' | 'phone', value });
      if (byPk.has(key.pk)) continue;
      getKeys.push(key);
      byPk.set(key.pk, (item) => {
        const owner = unique
          ? {
              type: kind === 'orgNumber' ? ('account' as const) : ('contact' as const),
              id: item.ownerId as string,
            }
          : firstOwner(item);
        if (owner) taken.set(identifierKey(kind, value), owner);
      });
    }

    await Promise.all(
      Array.from({ length: Math.ceil(getKeys.length / batchLimit) }, (_, i) =>
        this.batchGet(getKeys.slice(i * batchLimit, (i + 1) * batchLimit)).then((items) => {
          for (const item of items) byPk.get(item.pk as string)?.(item);
        }),
      ),
    );
    return { accounts, contacts, taken };
  }

  private async batchGet(batch: readonly ItemKey[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] = batch.map((k) => ({ ...k }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      // Throttled: better to fail the step (it is retried) than to miss a duplicate.
      if (attempt > batchAttempts) throw new Error('reading existing data was throttled');
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await this.table.client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.table.name]: {
              Keys: pending,
              ProjectionExpression: '#pk, #createdAt, #ownerId, #owners',
              ExpressionAttributeNames: {
                '#pk': 'pk',
                '#createdAt': 'createdAt',
                '#ownerId': 'ownerId',
                '#owners': 'owners',
              },
            },
          },
        }),
      );
      found.push(...(Responses?.[this.table.name] ?? []));
      pending = UnprocessedKeys?.[this.table.name]?.Keys ?? [];
    }
    return found;
  }
}
