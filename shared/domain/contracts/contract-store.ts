import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Contract, ContractState, ContractTransition } from './contract';
import type { ContractSettings } from './contract-settings';
import type { ContractMove } from './contract-transitions';

/** The daily jobs' lists: re-check a sent contract, start its renewal, end it, print it. */
export type DueKind = 'RECHECK' | 'RENEWAL' | 'END' | 'PRINT';

/** A contract on a daily job's list from the day `due` (YYYY-MM-DD). */
export interface DueEntry {
  readonly kind: DueKind;
  readonly due: string;
  readonly tenantId: string;
  readonly contractId: string;
}

/** What a created contract is, once its number is known. */
export interface NumberedDraft {
  readonly move: ContractMove;
  readonly event: DomainEvent;
}

export interface ContractFilter {
  readonly state?: ContractState;
  /** Only contracts of deals this user owns or takes part in. */
  readonly memberId?: string;
}

export interface ContractStore {
  /** Consistent read. */
  get(tenantId: string, contractId: string): Promise<Contract | undefined>;
  /** The contract and every transition, oldest first: one Query. */
  withHistory(
    tenantId: string,
    contractId: string,
  ): Promise<{ contract?: Contract; transitions: ContractTransition[] }>;
  list(tenantId: string, filter: ContractFilter, page: PageRequest): Promise<Page<Contract>>;
  /** The contract made from an offer version, if one was. */
  ofOfferVersion(tenantId: string, offerId: string, versionNumber: number): Promise<string | undefined>;
  /**
   * Creates a contract with the next number of the tenant's sequence for
   * `year`: `build` is called with it (again, with the then next number,
   * when another create took it meanwhile). With `offer`, the contract
   * claims that offer version: a second create for it fails with 409
   * `already-exists`.
   */
  create(
    tenantId: string,
    year: string,
    build: (sequence: number) => NumberedDraft,
    options: {
      readonly offer?: { readonly offerId: string; readonly versionNumber: number };
      readonly idempotency?: IdempotencyToken;
    },
  ): Promise<Created<Contract>>;
  /**
   * Writes a move with its transition and event, conditional on the stored
   * version and revision of `previous`; puts and removes due entries, and
   * the callback route of a send, in the same transaction.
   */
  move(
    previous: Contract,
    move: ContractMove,
    event: DomainEvent,
    extra?: {
      readonly due?: readonly DueEntry[];
      readonly undue?: readonly DueEntry[];
      readonly callbackTokenHash?: string;
    },
  ): Promise<void>;
  /** A system write that is no transition (a stored document, a failed send attempt); conditional as `move`. */
  annotate(previous: Contract, next: Contract, event?: DomainEvent): Promise<void>;
  /** The contract a callback token hash routes to. */
  callbackRoute(tokenHash: string): Promise<{ tenantId: string; contractId: string } | undefined>;
  /** Entries of a daily list due by `day`, oldest first. */
  dueBy(kind: DueKind, day: string, limit: number): Promise<DueEntry[]>;
  removeDue(entry: DueEntry): Promise<void>;
  /** Moves an entry to another day (a sent contract still waiting is looked at again tomorrow). */
  postpone(entry: DueEntry, day: string): Promise<void>;
}

export interface ContractSettingsStore {
  get(tenantId: string): Promise<ContractSettings | undefined>;
  /** Replaces the settings stored at `expectedVersion` (0: none stored yet). */
  replace(next: ContractSettings, expectedVersion: number, event: DomainEvent): Promise<void>;
}
