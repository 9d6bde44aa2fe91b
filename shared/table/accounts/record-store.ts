import { type SettingUsageDelta, settingUsageDeltas } from '#domain/accounts/references';
import { type ConflictCode, ConflictError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken } from '#domain/ports';
import type { SettingRef } from '#domain/settings/settings-lookup';
import { type Change, commitChange, type GuardedField } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import type { UniqueKind } from '#table/core/entities';
import { getItem } from '#table/core/get-item';
import { guardChange } from '#table/core/guards';
import type { ItemKey } from '#table/core/key-template';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { type AccountsStoreOptions, fitsOneTransaction } from './accounts-commit';
import { type CategoryMembership, membershipChanges } from './category-members';
import { type LookupSet, lookupChanges } from './lookups';

/** What accounts and contacts have in common for their writes. */
export interface AccountsRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly version: number;
  /** Moved by system writes (ADR 0011): an account's struck-off flag; a contact has none. */
  readonly revision?: number;
  readonly deletedAt?: string;
}

/** Where an account's and a contact's writes differ; the rest of them is `AccountsRecordStore`. */
export interface RecordLayout<T extends AccountsRecord> {
  /** The record's name in errors, and as a user of settings in their usage counts. */
  readonly resource: 'account' | 'contact';
  key(tenantId: string, id: string): ItemKey;
  toItem(record: T): Record<string, unknown>;
  fromItem(item: Record<string, unknown>): T;
  /** The one value unique in the tenant, and what a live record claims of it. */
  readonly unique: {
    readonly field: string;
    readonly kind: UniqueKind;
    readonly takenCode: ConflictCode;
    readonly takenMessage: string;
    claim(live: T): string | undefined;
  };
  /** What a live record is identified by. */
  lookups(live: T): LookupSet;
  /** The categories a live record is a member of. */
  membership(live: T): CategoryMembership;
  settingRefs(record: T | undefined): SettingRef[];
  /** The user the record belongs to, for a record that has an owner. */
  owner?(record: T): string | undefined;
}

const live = <T extends AccountsRecord>(record: T | undefined) =>
  record && record.deletedAt === undefined ? record : undefined;

/**
 * Reads and writes of an account or a contact: each change is one
 * transaction of the record (versioned), its uniqueness guard, its lookup
 * items, its category memberships, the usage counts of the settings it
 * refers to and its event. A deleted record claims, identifies and belongs
 * to nothing until it is restored.
 */
export class AccountsRecordStore<T extends AccountsRecord> {
  constructor(
    protected readonly table: Table,
    private readonly options: AccountsStoreOptions,
    private readonly layout: RecordLayout<T>,
  ) {}

  async get(tenantId: string, id: string): Promise<T | undefined> {
    const item = await getItem(this.table, this.layout.key(tenantId, id));
    return item ? this.layout.fromItem(item) : undefined;
  }

  create(record: T, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<T>> {
    const change = fitsOneTransaction(
      { ...this.changeOf(undefined, record, event), idempotency },
      'categoryIds',
    );
    return this.refusedWhenChangedMeanwhile(record, commitCreate(this.table, change));
  }

  async update(previous: T, next: T, event: DomainEvent): Promise<void> {
    await this.refusedWhenChangedMeanwhile(
      next,
      commitChange(this.table, fitsOneTransaction(this.changeOf(previous, next, event), 'categoryIds')),
    );
  }

  /** A write refused for a setting or owner changed meanwhile leaves neither kept in the container. */
  private async refusedWhenChangedMeanwhile<R>(next: T, write: Promise<R>): Promise<R> {
    try {
      return await write;
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'changed-meanwhile') {
        this.options.settingsChanged?.(next.tenantId);
        const owner = this.layout.owner?.(next);
        if (owner !== undefined) this.options.owners?.forget(next.tenantId, owner);
      }
      throw error;
    }
  }

  /**
   * The writes of one change, to commit alone or with others in one
   * transaction (a lead conversion, a merge). `usage`: the settings' usage
   * deltas, when the caller counts them for several changes at once.
   */
  changeOf(
    previous: T | undefined,
    next: T,
    event: DomainEvent,
    usage: readonly SettingUsageDelta[] = settingUsageDeltas(
      this.layout.settingRefs(previous),
      this.layout.settingRefs(next),
    ),
  ): Change & { readonly extra: TransactItem[]; readonly response: T } {
    const { resource, unique } = this.layout;
    const [before, after] = [live(previous), live(next)];
    const claim = (record: T | undefined) => (record ? unique.claim(record) : undefined);
    return {
      resource,
      id: next.id,
      item: this.layout.toItem(next),
      expectedVersion: previous?.version,
      expectedRevision: previous && (previous.revision ?? 0),
      guards: [
        {
          field: unique.field,
          change: guardChange(this.table, next.tenantId, unique.kind, next.id, claim(before), claim(after)),
          takenCode: unique.takenCode,
          takenMessage: unique.takenMessage,
        },
        ...this.ownerGuards(previous, next),
      ],
      lookups: lookupChanges(
        this.table,
        before && this.layout.lookups(before),
        after && this.layout.lookups(after),
      ),
      extra: [
        ...membershipChanges(
          this.table,
          before && this.layout.membership(before),
          after && this.layout.membership(after),
        ),
        ...(this.options.settingUsage && usage.length > 0
          ? this.options.settingUsage(next.tenantId, resource, usage)
          : []),
      ],
      event,
      response: next,
    };
  }

  /**
   * A live record given a new owner (what the service checks) requires the
   * owner to still be an active user, when the owner was checked against
   * users the container keeps; an owner kept from before is not checked again.
   */
  private ownerGuards(previous: T | undefined, next: T): GuardedField[] {
    const { owners } = this.options;
    const owner = this.layout.owner?.(next);
    const kept = previous && this.layout.owner?.(previous);
    if (!owners || owner === undefined || !live(next) || owner === kept) return [];
    return [
      {
        field: 'ownerId',
        change: { items: [owners.activeCheck(next.tenantId, owner)], claimIndex: 0 },
        takenCode: 'changed-meanwhile',
        takenMessage: 'the owner was deactivated meanwhile; read the user again',
      },
    ];
  }
}
