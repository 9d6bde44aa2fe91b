import type { DomainEvent } from '#domain/events';
import type { SalesSettings } from './sales-settings';

/** Persistence of a tenant's sales settings: one item, written with its event. */
export interface SalesSettingsStore {
  /** The stored settings, read consistently; undefined while the tenant has only the defaults. */
  get(tenantId: string): Promise<SalesSettings | undefined>;
  /**
   * Stores `next` if the stored version is still `expectedVersion` (0: none
   * stored yet); VersionMismatchError otherwise.
   */
  replace(next: SalesSettings, expectedVersion: number, event: DomainEvent): Promise<void>;
}
