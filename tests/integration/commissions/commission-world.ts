import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { CommissionsServices } from '#domain/commissions/commissions-services';
import type { Contract } from '#domain/contracts/contract';
import type { DomainEvent } from '#domain/events';
import type { SalesActor } from '#domain/sales/sales-ports';
import { commissionsServices } from '#runtime/commissions-services';
import { outboxEventEntity } from '#table/core/entities';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { fixedRuleRequest } from '../../support/commission-fixture';
import { sampleContract } from '../../support/contract-fixture';
import { freshTable, slovakTenant } from '../../support/local-table';

/** A Slovak tenant's commissions over a fresh table, with a settable clock and every event written. */
export async function commissionWorld() {
  const written: DomainEvent[] = [];
  const table: Table = await freshTable((command, input) => {
    if (command !== 'TransactWriteItemsCommand') return;
    for (const item of (input.TransactItems as { Put?: { Item?: Record<string, unknown> } }[]) ?? []) {
      if (item.Put?.Item?.entity === 'Outbox') written.push(item.Put.Item.event as DomainEvent);
    }
  });
  const profile = slovakTenant();
  await new DynamoTenantDirectory(table).save(profile);
  const tenantId = profile.id;
  let now = new Date('2026-12-04T09:00:00.000Z');
  const clock = { now: () => now };
  const s: CommissionsServices = commissionsServices({ table }, { clock });
  const admin: SalesActor = { tenantId, userId: 'admin-1', roles: ['admin'] };
  const seller: SalesActor = { tenantId, userId: 'seller-1', roles: ['sales'] };
  const partner: SalesActor = { tenantId, userId: 'seller-2', roles: ['sales'] };

  /** The events whose transaction went through: those in the outbox. */
  async function events(type?: string): Promise<DomainEvent[]> {
    const stored = await Promise.all(
      written.map(async (event) => {
        const { Item } = await table.client.send(
          new GetCommand({
            TableName: table.name,
            Key: outboxEventEntity.key({ tenantId: event.tenantId, eventId: event.id }),
            ConsistentRead: true,
          }),
        );
        return Item ? event : undefined;
      }),
    );
    return stored.filter((e): e is DomainEvent => e !== undefined && (type === undefined || e.type === type));
  }

  /** A signed contract of the deal's 60/40 participants, signed on 4 December 2026. */
  const signed = (extra: Partial<Contract> = {}): Contract =>
    sampleContract({
      id: ulid(),
      tenantId,
      state: 'signed',
      signedAt: '2026-12-04T10:00:00.000Z',
      deal: {
        dealId: ulid(),
        title: 'Elektrina 2027',
        ownerId: seller.userId,
        participants: [
          { userId: seller.userId, shareBasisPoints: 6_000 },
          { userId: partner.userId, shareBasisPoints: 4_000 },
        ],
      },
      ...extra,
    });

  return {
    table,
    s,
    tenantId,
    admin,
    seller,
    partner,
    signed,
    fixedRule: fixedRuleRequest,
    events,
    setNow: (at: string) => {
      now = new Date(at);
    },
  };
}
