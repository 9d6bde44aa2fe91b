import type { DomainEvent } from '#domain/events';
import type { Page, PageRequest } from '#domain/ports';
import type { ContractExport, ExportJob } from './export-job';
import type { ExportSpec } from './export-spec';

export interface ExportSpecStore {
  get(tenantId: string, specId: string): Promise<ExportSpec | undefined>;
  list(tenantId: string): Promise<ExportSpec[]>;
  /** A new spec (`expectedVersion` absent) or a new version of one; VersionMismatchError when another write came first. */
  save(tenantId: string, spec: ExportSpec, expectedVersion?: number): Promise<void>;
}

export interface ExportJobStore {
  get(tenantId: string, exportId: string): Promise<ExportJob | undefined>;
  list(tenantId: string, page: PageRequest): Promise<Page<ExportJob>>;
  /** The new job with its `ExportRequested` event, in one transaction. */
  create(job: ExportJob, event: DomainEvent): Promise<void>;
  /** A versioned write of the job; with an event (its completion) in the same transaction. */
  update(previous: ExportJob, next: ExportJob, event?: DomainEvent): Promise<void>;
  /** How far the worker got: an unconditional update of the progress only. */
  progress(tenantId: string, exportId: string, done: number): Promise<void>;
  /** The contracts sent to the operator, with the export that carried each. */
  exportsOf(
    tenantId: string,
    contractIds: readonly string[],
    distributor: string,
  ): Promise<Map<string, string>>;
  /** Marks contracts sent to the operator; a contract marked before keeps its first export. */
  markExported(tenantId: string, marks: readonly ContractExport[]): Promise<void>;
  /** Every export that carried a contract, newest first. */
  ofContract(tenantId: string, contractId: string): Promise<ContractExport[]>;
}
