import { ConflictError } from '#domain/errors';
import type { IdempotencyToken } from '#domain/ports';
import type { Conversion, ConversionStore } from '#domain/sales/leads/conversion-service';
import type { DynamoAccountStore } from '#table/accounts/account-store';
import type { SettingUsageItems } from '#table/accounts/accounts-commit';
import type { DynamoContactStore } from '#table/accounts/contact-store';
import { oneWritePerOwnersItem } from '#table/accounts/lookups';
import { type Change, commitChanges } from '#table/core/commit-change';
import { replayIfRecorded } from '#table/core/idempotency';
import type { Table } from '#table/core/table';
import type { DynamoSupplyPointStore } from '#table/energy/supply-point-store';
import { dealChange } from './deal-store';
import { leadChange } from './lead-store';

/**
 * A lead conversion as one transaction: each part's own writes (guards,
 * lookups, usage counts, member copies) and outbox event, as its store
 * would write them alone, plus one idempotency record for the whole. The
 * account and contact may share a phone or e-mail: its owners item is
 * written once, with both.
 */
export class DynamoConversionStore implements ConversionStore {
  constructor(
    private readonly table: Table,
    private readonly stores: {
      readonly accounts: Pick<DynamoAccountStore, 'changeOf'>;
      readonly contacts: Pick<DynamoContactStore, 'changeOf'>;
      readonly supplyPoints: Pick<DynamoSupplyPointStore, 'changeOf'>;
      readonly settingUsage?: SettingUsageItems;
      /** As for a lone account or contact write: a conversion refused for a setting changed meanwhile forgets the tenant's kept settings. */
      readonly settingsChanged?: (tenantId: string) => void;
    },
  ) {}

  async commit(
    parts: Parameters<ConversionStore['commit']>[0],
    response: Conversion,
    idempotency?: Parameters<ConversionStore['commit']>[2],
  ): Promise<{ replayed?: Conversion }> {
    const changes: Change[] = [
      ...(parts.account
        ? [
            underPart(
              'account',
              this.stores.accounts.changeOf(undefined, parts.account.value, parts.account.event),
            ),
          ]
        : []),
      underPart(
        'contact',
        this.stores.contacts.changeOf(undefined, parts.contact.value, parts.contact.event),
      ),
      ...(parts.supplyPoint
        ? [
            underPart(
              'supplyPoint',
              this.stores.supplyPoints.changeOf(undefined, parts.supplyPoint.value, parts.supplyPoint.event),
            ),
          ]
        : []),
      dealChange(this.table, undefined, parts.deal.deal, parts.deal.event, this.stores.settingUsage),
      leadChange(this.table, parts.lead.previous, parts.lead.next, parts.lead.event),
    ];
    try {
      const { replayed } = await commitChanges(
        this.table,
        oneWritePerOwnersItem(changes),
        idempotency,
        response,
      );
      return replayed ? { replayed: replayed as Conversion } : {};
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'changed-meanwhile') {
        this.stores.settingsChanged?.(parts.lead.next.tenantId);
      }
      throw error;
    }
  }

  async replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<Conversion | undefined> {
    return replayIfRecorded<Conversion>(this.table, tenantId, idempotency);
  }
}

/** A part's taken values are named under the part, as its other fields are (`account.orgNumber`). */
const underPart = (part: string, change: Change): Change => ({
  ...change,
  guards: change.guards?.map((guard) => ({ ...guard, field: `${part}.${guard.field}` })),
});
