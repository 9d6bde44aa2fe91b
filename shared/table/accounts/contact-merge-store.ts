import type { Contact } from '#domain/accounts/contact';
import type { ContactMergeStore, MergeSide } from '#domain/accounts/contact-merge-service';
import { contactSettingRefs, settingUsageDeltas } from '#domain/accounts/references';
import { ConflictError } from '#domain/errors';
import { commitChanges } from '#table/core/commit-change';
import type { Table } from '#table/core/table';
import type { DynamoContactStore } from './contact-store';
import { handedOver } from './merge-handover';

/**
 * A contact merge as one transaction: the survivor and the loser's
 * tombstone as the contact store writes them, the settings' usage of both
 * counted once (one write per counter), and the unique value and
 * identification items the survivor takes over handed over (ADR 0032).
 */
export class DynamoContactMergeStore implements ContactMergeStore {
  constructor(
    private readonly table: Table,
    private readonly contacts: DynamoContactStore,
    private readonly settingsChanged?: (tenantId: string) => void,
  ) {}

  async merge(survivor: MergeSide<Contact>, loser: MergeSide<Contact>): Promise<void> {
    const usage = settingUsageDeltas(
      [...contactSettingRefs(survivor.previous), ...contactSettingRefs(loser.previous)],
      [...contactSettingRefs(survivor.next), ...contactSettingRefs(loser.next)],
    );
    const changes = handedOver(
      this.contacts.changeOf(survivor.previous, survivor.next, survivor.event, usage),
      this.contacts.changeOf(loser.previous, loser.next, loser.event, []),
      loser.previous.id,
    );
    try {
      await commitChanges(this.table, changes);
    } catch (error) {
      // A setting the survivor now uses was deleted meanwhile: the retry checks the settings as they are.
      if (error instanceof ConflictError && error.code === 'changed-meanwhile') {
        this.settingsChanged?.(survivor.next.tenantId);
      }
      throw error;
    }
  }
}
