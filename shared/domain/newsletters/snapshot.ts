import type { Exclusion } from './recipient-review';

/** One recipient of a review's snapshot: who and where, as the review found them. */
export interface SnapshotRecipient {
  readonly contactId: string;
  readonly email: string;
  readonly name: string;
  readonly accountId?: string;
  /** A user may deselect a recipient before sending (R-NL-2). */
  readonly selected: boolean;
}

/**
 * A page of a snapshot: recipients in contact-id order, stored as one item
 * and sent as one batch. `first` names it: the contact id it starts with.
 */
export interface RecipientPage {
  readonly tenantId: string;
  readonly newsletterId: string;
  readonly reviewId: string;
  readonly first: string;
  readonly recipients: readonly SnapshotRecipient[];
  /** Counts selection changes: a change is conditional on it. */
  readonly version: number;
  /** Set once every recipient of the page was sent, failed or skipped. */
  readonly done?: boolean;
}

/** Recipients per page: one page is one batch of sends, a few seconds at SES's rates. */
export const recipientsPerPage = 50;

/** The snapshot's recipients cut into pages, in contact-id order, so a contact's page is found by its id. */
export function snapshotPages(
  at: Pick<RecipientPage, 'tenantId' | 'newsletterId' | 'reviewId'>,
  recipients: readonly SnapshotRecipient[],
): RecipientPage[] {
  const sorted = [...recipients].sort((a, b) =>
    a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0,
  );
  const pages: RecipientPage[] = [];
  for (let i = 0; i < sorted.length; i += recipientsPerPage) {
    const part = sorted.slice(i, i + recipientsPerPage);
    pages.push({ ...at, first: part[0]?.contactId ?? '', recipients: part, version: 1 });
  }
  return pages;
}

/** Counts a review reports: how many the filter found, are in the snapshot, and were left out and why. */
export interface ReviewCounts {
  readonly matched: number;
  readonly recipients: number;
  readonly leftOut: Readonly<Record<Exclusion, number>>;
}

/** The page with these contacts selected or deselected, and by how many the deselected count moves. */
export function withSelection(
  page: RecipientPage,
  contactIds: ReadonlySet<string>,
  selected: boolean,
): { page: RecipientPage; deselectedDelta: number } {
  let delta = 0;
  const recipients = page.recipients.map((r) => {
    if (!contactIds.has(r.contactId) || r.selected === selected) return r;
    delta += selected ? -1 : 1;
    return { ...r, selected };
  });
  return { page: { ...page, recipients, version: page.version + 1 }, deselectedDelta: delta };
}
