import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { MoveCustomersJob } from './job';
import type { OrderedKind, Setting } from './setting';
import type { SettingKind } from './settings-lookup';

export interface SettingFilter {
  /** User groups: the direct sub-groups of this group; `null`: the top-level groups. */
  readonly parentId?: string | null;
  /** Categories that may be put on accounts (or contacts): their scope is that or `both`. */
  readonly appliesTo?: 'account' | 'contact';
  /** Categories: only active (or only inactive) ones. */
  readonly active?: boolean;
}

/** A setting read at a version; the write fails unless it is still at that version. */
export interface VersionCheck {
  readonly id: string;
  readonly version: number;
}

export interface TreeWriteOptions {
  /**
   * User groups: the new parent and its ancestors up to the top, as read.
   * The write is conditional on all of them still being at these versions,
   * so two concurrent moves can never close a cycle.
   */
  readonly parentChain?: readonly VersionCheck[];
}

/** A setting's read and its soft delete: all the move-customers job writes of settings. */
export interface SettingRemovalStore {
  /** Strongly consistent: writes follow it. */
  get(tenantId: string, settingId: string): Promise<Setting | undefined>;
  /**
   * Soft delete. Refused with a ConflictError naming what uses the setting
   * (usage counters, sub-groups) or the running job that holds it; `jobId`
   * names the job that may delete despite its own lock.
   */
  remove(previous: Setting, removed: Setting, event: DomainEvent, jobId?: string): Promise<void>;
}

/**
 * Persistence of settings. Every write stores its domain event atomically
 * with it; uniqueness of titles and orders is guarded in the same
 * transaction. Usage counters are never written here (see `adjustUsage`).
 */
export interface SettingsStore extends SettingRemovalStore {
  create(
    setting: Setting,
    event: DomainEvent,
    options: TreeWriteOptions,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Setting>>;
  /** Fails with VersionMismatchError when the stored version is not `previous.version`. */
  update(previous: Setting, next: Setting, event: DomainEvent, options: TreeWriteOptions): Promise<void>;
  /** Writes new orders of several settings of one kind as one change. */
  reorder(previous: readonly Setting[], next: readonly Setting[], event: DomainEvent): Promise<void>;
  list(tenantId: string, kind: SettingKind, filter: SettingFilter, page: PageRequest): Promise<Page<Setting>>;
  /** The highest order in use by a live setting of the kind; 0 when there is none. */
  highestOrder(tenantId: string, kind: OrderedKind): Promise<number>;
}

export interface JobLocks {
  /** Settings the job holds: they cannot be deleted nor take part in another job meanwhile. */
  readonly settingIds: readonly string[];
  /** ISO time after which a lock of a job that died is free again. */
  readonly until: string;
}

export interface JobStore {
  /** Strongly consistent. */
  get(tenantId: string, jobId: string): Promise<MoveCustomersJob | undefined>;
  /**
   * Writes the job, its locks and its first event in one transaction; the
   * locked settings must exist and be live. A lock held by another job is a
   * ConflictError.
   */
  create(
    job: MoveCustomersJob,
    event: DomainEvent,
    locks: JobLocks,
    idempotency?: IdempotencyToken,
  ): Promise<Created<MoveCustomersJob>>;
  /**
   * Writes the job at its next version, with the event (a continuation, the
   * finish) in the same transaction, releasing the named locks.
   */
  save(
    previous: MoveCustomersJob,
    next: MoveCustomersJob,
    event?: DomainEvent,
    release?: readonly string[],
  ): Promise<void>;
}

/** One step through the accounts of an industry; `cursor` absent: the end. */
export interface AccountIdsPage {
  readonly accountIds: readonly string[];
  readonly cursor?: string;
}

/** Where the move-customers job finds the accounts of an industry. */
export interface IndustryAccounts {
  /** Counts live accounts of the industry from `cursor`, reading at most `maxPages` pages. */
  count(
    tenantId: string,
    industryId: string,
    cursor: string | undefined,
    maxPages: number,
  ): Promise<{ readonly count: number; readonly cursor?: string }>;
  /**
   * Live accounts of the industry from `cursor`: at most `maxMatches` ids,
   * looking at no more than `maxEvaluated` accounts, so that a sparse
   * industry still answers within a bounded time.
   */
  next(
    tenantId: string,
    industryId: string,
    cursor: string | undefined,
    limits: { readonly maxMatches: number; readonly maxEvaluated: number },
  ): Promise<AccountIdsPage>;
}
