import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { SettingKind } from '#domain/settings/settings-lookup';
import type { Table } from '#table/core/table';
import { settingEntity } from './entities';

/** What a reference check reads of a live setting, and the version it read it at. */
export interface SettingSnapshot {
  readonly id: string;
  readonly kind: SettingKind;
  readonly scope?: 'account' | 'contact' | 'both';
  readonly version: number;
}

/** How long a container trusts a setting it read: the transaction's version condition catches the rest. */
export const settingSnapshotMillis = 10_000;

/**
 * Live settings as reference checks read them, kept per container for a few
 * seconds so that a warm function checks an account's industry, status type
 * and categories without a read. Only live settings are kept: an id that is
 * unknown or deleted is read again on every check, so a setting created
 * meanwhile is never refused. A kept snapshot may be stale: the usage count
 * the write moves in the same transaction requires the setting to be live and
 * of the kind, and a category to be at the version read (its scope), so a
 * write checked against a stale snapshot is refused, never accepted
 * (`DynamoSettingReferences.adjustUsage`).
 */
export class SettingSnapshots {
  private readonly entries = new Map<
    string,
    { readonly snapshot: SettingSnapshot; readonly until: number }
  >();

  constructor(
    private readonly ttlMs = settingSnapshotMillis,
    private readonly now: () => number = Date.now,
  ) {}

  /** The live settings among `ids`, those not kept read in one BatchGetItem per 100 (strongly consistent). */
  async read(table: Table, tenantId: string, ids: readonly string[]): Promise<Map<string, SettingSnapshot>> {
    const time = this.now();
    const found = new Map<string, SettingSnapshot>();
    const unread: string[] = [];
    for (const id of new Set(ids)) {
      const kept = this.entries.get(`${tenantId}/${id}`);
      if (kept && time < kept.until) found.set(id, kept.snapshot);
      else unread.push(id);
    }
    for (let start = 0; start < unread.length; start += 100) {
      for (const item of await batchRead(table, tenantId, unread.slice(start, start + 100))) {
        if (item.deletedAt !== undefined) continue;
        const snapshot: SettingSnapshot = {
          id: item.id as string,
          kind: item.kind as SettingKind,
          ...(item.scope ? { scope: item.scope as SettingSnapshot['scope'] } : {}),
          version: item.version as number,
        };
        found.set(snapshot.id, snapshot);
        this.entries.set(`${tenantId}/${snapshot.id}`, { snapshot, until: time + this.ttlMs });
      }
    }
    return found;
  }

  /**
   * The version this container's last check read the setting at. Kept after
   * the snapshot expires, until a read replaces it or the tenant is forgotten:
   * a check made just before the expiry must still bind the write built just
   * after it to the version it read.
   */
  versionOf(tenantId: string, id: string): number | undefined {
    return this.entries.get(`${tenantId}/${id}`)?.snapshot.version;
  }

  /** Drops a tenant's settings: this container changed one, or a write found one changed. */
  forgetTenant(tenantId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${tenantId}/`)) this.entries.delete(key);
  }
}

async function batchRead(table: Table, tenantId: string, ids: readonly string[]) {
  const items: Record<string, unknown>[] = [];
  let keys: Record<string, unknown>[] = ids.map((settingId) => ({
    ...settingEntity.key({ tenantId, settingId }),
  }));
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt >= 5) throw new Error('settings read was throttled');
    const { Responses, UnprocessedKeys } = await table.client.send(
      new BatchGetCommand({
        RequestItems: {
          [table.name]: {
            Keys: keys,
            ProjectionExpression: 'id, kind, deletedAt, #scope, version',
            ExpressionAttributeNames: { '#scope': 'scope' },
            ConsistentRead: true,
          },
        },
      }),
    );
    items.push(...(Responses?.[table.name] ?? []));
    keys = (UnprocessedKeys?.[table.name]?.Keys ?? []) as Record<string, unknown>[];
    if (keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
  }
  return items;
}

/** The settings every store of this container checks references with. */
export const containerSettingSnapshots = new SettingSnapshots();
