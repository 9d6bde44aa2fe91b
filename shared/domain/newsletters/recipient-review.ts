import type { CommunicationPreference } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';

/**
 * Why a contact the filter found gets no newsletter (R-NL-2, R-NL-3,
 * R-CO-3), in the order they are checked: each contact left out is counted
 * once, for the first reason that applies.
 */
export const exclusions = ['no-consent', 'no-email', 'suppressed', 'paper-preference'] as const;
export type Exclusion = (typeof exclusions)[number];

export interface ReviewCandidate {
  readonly contact: Pick<Contact, 'id' | 'email' | 'newsletterConsent' | 'preferredChannel'>;
  /** The contact's account's preference; none without an account. */
  readonly accountPreference?: CommunicationPreference;
}

/**
 * The reason a candidate is left out of an electronic mailing, if any: no
 * newsletter consent, no usable address, an address on the tenant's
 * suppression list (a bounce or complaint), or paper preferred by the
 * contact or its account (an account set to paper gets no electronic-only
 * mailing).
 */
export function exclusionOf(
  candidate: ReviewCandidate,
  isSuppressed: (normalisedEmail: string) => boolean,
): Exclusion | undefined {
  const { contact, accountPreference } = candidate;
  if (!contact.newsletterConsent) return 'no-consent';
  const email = contact.email?.trim().toLowerCase();
  if (!email) return 'no-email';
  if (isSuppressed(email)) return 'suppressed';
  if (contact.preferredChannel === 'paper' || accountPreference === 'paper') return 'paper-preference';
  return undefined;
}

export interface Review<T extends ReviewCandidate> {
  readonly selected: readonly T[];
  readonly leftOut: Readonly<Record<Exclusion, number>>;
}

/** The candidates who get the mailing, and how many were left out for each reason. */
export function reviewRecipients<T extends ReviewCandidate>(
  candidates: readonly T[],
  isSuppressed: (normalisedEmail: string) => boolean,
): Review<T> {
  const leftOut: Record<Exclusion, number> = {
    'no-consent': 0,
    'no-email': 0,
    suppressed: 0,
    'paper-preference': 0,
  };
  const selected: T[] = [];
  for (const candidate of candidates) {
    const reason = exclusionOf(candidate, isSuppressed);
    if (reason) leftOut[reason] += 1;
    else selected.push(candidate);
  }
  return { selected, leftOut };
}
