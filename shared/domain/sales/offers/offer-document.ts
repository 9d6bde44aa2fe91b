/**
 * The PDF of a sent offer version (R-SA-6): rendered once from the tenant's
 * offer template and never again, so the customer's copy and ours stay the
 * same. Its record is written after the file, so a record means the file is
 * there; both are named by the offer and the version.
 */
export interface OfferDocument {
  readonly tenantId: string;
  readonly offerId: string;
  readonly versionNumber: number;
  /** The file in the files bucket. */
  readonly key: string;
  /** The name a download and an attachment carry. */
  readonly fileName: string;
  /** The filled title: the subject of the e-mail that carries it. */
  readonly title: string;
  readonly locale: string;
  /** The template it was filled from (a tenant's, or a starting one). */
  readonly templateId: string;
  readonly sizeBytes: number;
  readonly storedAt: string;
}

/** The key of a version's PDF: one per offer and version, never reused. */
export const offerDocumentKey = (tenantId: string, offerId: string, versionNumber: number) =>
  `${tenantId}/offers/${offerId}/v${versionNumber}.pdf`;

export const offerDocumentFileName = (offerId: string, versionNumber: number) =>
  `offer-${offerId}-v${versionNumber}.pdf`;

export interface OfferDocumentStore {
  get(tenantId: string, offerId: string, versionNumber: number): Promise<OfferDocument | undefined>;
  /**
   * Records the document once: when one is recorded already (a redelivery
   * that rendered meanwhile), that one stays and is returned.
   */
  record(document: OfferDocument): Promise<OfferDocument>;
}
