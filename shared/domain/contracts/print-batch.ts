/** A day's paper contracts of a tenant, collected for printing and posting (R-CO-3). */
export interface PrintBatch {
  readonly tenantId: string;
  /** YYYY-MM-DD: the day the daily job collected it. */
  readonly day: string;
  readonly documents: readonly PrintedDocument[];
  /** A cover sheet listing the documents, for whoever prints and posts them. */
  readonly coverKey: string;
  /** JSON: the documents' keys in the files bucket, in print order. */
  readonly manifestKey: string;
  readonly createdAt: string;
}

export interface PrintedDocument {
  readonly contractId: string;
  readonly number: string;
  readonly customer: string;
  readonly address: string;
  readonly documentKey: string;
}
