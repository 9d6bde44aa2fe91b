import type { ExportSpec } from './export-spec';

export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Which signed contracts an export carries. */
export type ExportSelection =
  /** Signed or active contracts whose supply is to start in `month` (YYYY-MM), by default those not yet sent to this operator. */
  | { readonly kind: 'month'; readonly month: string; readonly onlyNotExported: boolean }
  | { readonly kind: 'contracts'; readonly contractIds: readonly string[] };

export const exportStates = ['queued', 'running', 'completed', 'failed'] as const;
export type ExportState = (typeof exportStates)[number];

export interface StoredFile {
  readonly key: string;
  readonly fileName: string;
}

export interface ExportCounts {
  /** Rows written to the file. */
  readonly rows: number;
  /** Rows left out: in the error report. */
  readonly invalid: number;
  /** Contracts the selection found that were sent to this operator before. */
  readonly alreadyExported: number;
  readonly contracts: number;
}

/** One export of a data sentence (R-DS-1): made from a copy of the spec, built by the worker. */
export interface ExportJob {
  readonly tenantId: string;
  readonly id: string;
  readonly distributor: string;
  readonly spec: ExportSpec;
  readonly selection: ExportSelection;
  readonly format: ExportFormat;
  readonly state: ExportState;
  readonly progress: { readonly done: number; readonly total: number };
  readonly counts?: ExportCounts;
  readonly file?: StoredFile;
  readonly errorReport?: StoredFile;
  readonly failure?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly completedAt?: string;
  readonly version: number;
}

/** A contract sent to an operator: the next "not yet exported" leaves it out. */
export interface ContractExport {
  readonly contractId: string;
  readonly distributor: string;
  readonly exportId: string;
  readonly exportedAt: string;
}
