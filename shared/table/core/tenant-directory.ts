import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '#domain/errors';
import type { TenantDirectory, TenantProfile } from '#domain/tenant';
import { tenantEntity } from './entities';
import type { Table } from './table';

/** Profiles change rarely; a warm container reads each at most every few minutes. */
const cacheMillis = 5 * 60 * 1000;

export class DynamoTenantDirectory implements TenantDirectory {
  private readonly cache = new Map<string, { profile: TenantProfile; until: number }>();

  constructor(private readonly table: Table) {}

  async profile(tenantId: string): Promise<TenantProfile> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.profile;
    const profile = await tenantEntity.get(this.table, { tenantId }, 'eventual');
    if (!profile) throw new NotFoundError('tenant', tenantId);
    this.cache.set(tenantId, { profile, until: Date.now() + cacheMillis });
    return profile;
  }

  async save(profile: TenantProfile): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: tenantEntity.item(profile, { key: { tenantId: profile.id } }),
      }),
    );
    this.cache.delete(profile.id);
  }
}
