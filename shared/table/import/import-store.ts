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
import { accountEntity, contactEntity, lookupEntity } from '#table/accounts/entities';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { uniqueEntity } from '#table/core/entities';
import type { ItemKey } from '#table/core/key-template';
import { queryFirstPage } from '#table/core/query-all';
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
/** Lookup partitions read at the same time. */
const queryConcurrency = 16;

const uniqueKinds: Partial<Record<IdentifierKind, 'orgNumber' | 'customerId'>> = {
  orgNumber: 'orgNumber',
  customerId: 'customerId',
};

/**
 * What of an import batch already exists, in few requests and no Scan: one
 * BatchGetItem per 100 keys for the rows' own account and contact items and
 * the uniqueness guards (organisation number, customer id); one Query
 * (limit 1) per distinct e-mail and phone number of the batch, on its
 * identification lookup partition.
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
    const lookups = new Map<string, { kind: IdentifierKind; value: string }>();
    const getKeys: ItemKey[] = [...query.accountIds.map(accountKey), ...query.contactIds.map(contactKey)];
    for (const { kind, value } of query.identifiers) {
      const unique = uniqueKinds[kind];
      if (unique) {
        const key = uniqueEntity.key({ tenantId, kind: unique, value });
        if (byPk.has(key.pk)) continue;
        getKeys.push(key);
        byPk.set(key.pk, (item) =>
          taken.set(identifierKey(kind, value), {
            type: kind === 'orgNumber' ? 'account' : 'contact',
            id: item.ownerId as string,
          }),
        );
      } else {
        lookups.set(identifierKey(kind, value), { kind, value });
      }
    }

    const reads: Promise<void>[] = [];
    for (let start = 0; start < getKeys.length; start += batchLimit) {
      reads.push(
        this.batchGet(getKeys.slice(start, start + batchLimit)).then((items) => {
          for (const item of items) byPk.get(item.pk as string)?.(item);
        }),
      );
    }
    const pending = [...lookups];
    const worker = async () => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        const [key, { kind, value }] = next;
        const owner = await this.firstLookup(tenantId, kind as 'email' | 'phone', value);
        if (owner) taken.set(key, owner);
      }
    };
    reads.push(...Array.from({ length: Math.min(queryConcurrency, pending.length) }, worker));
    await Promise.all(reads);
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
              ProjectionExpression: '#pk, #createdAt, #ownerId',
              ExpressionAttributeNames: { '#pk': 'pk', '#createdAt': 'createdAt', '#ownerId': 'ownerId' },
            },
          },
        }),
      );
      found.push(...(Responses?.[this.table.name] ?? []));
      pending = UnprocessedKeys?.[this.table.name]?.Keys ?? [];
    }
    return found;
  }

  private async firstLookup(
    tenantId: string,
    kind: 'email' | 'phone',
    value: string,
  ): Promise<IdentifierOwner | undefined> {
    const [lookup] = await queryFirstPage(
      this.table,
      lookupEntity.patterns.ownersOfValue.query({ tenantId, kind, value }),
      { Limit: 1 },
    );
    if (!lookup) return undefined;
    return { type: lookup.subject === 'ACCOUNT' ? 'account' : 'contact', id: lookup.id as string };
  }
}
