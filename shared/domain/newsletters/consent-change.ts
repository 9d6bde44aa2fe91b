/**
 * A change of a contact's newsletter consent, kept as its history (R-NL-3):
 * when, how, and by whom or by which mail. The customer's own unsubscribe
 * and SES's feedback only ever withdraw it; a user or an import may give it.
 */
export const consentSources = [
  'user',
  'import',
  'web-form',
  'unsubscribe-page',
  'one-click',
  'bounce',
  'complaint',
] as const;
export type ConsentSource = (typeof consentSources)[number];

/** The ways consent can only be withdrawn. */
const withdrawingOnly: ReadonlySet<ConsentSource> = new Set([
  'unsubscribe-page',
  'one-click',
  'bounce',
  'complaint',
]);

export interface ConsentChange {
  readonly contactId: string;
  readonly at: string;
  readonly granted: boolean;
  readonly source: ConsentSource;
  /** The user who changed it; none when the customer or SES did. */
  readonly userId?: string;
  /** The newsletter whose link, or whose mail's bounce or complaint, it came from. */
  readonly newsletterId?: string;
  /** SES's reason for a bounce or complaint. */
  readonly reason?: string;
}

export type ConsentHow = Omit<ConsentChange, 'contactId' | 'granted' | 'at'>;

/**
 * The history entry for consent going from `before` to `after`, or none
 * when nothing changes (a second unsubscribe, a redelivered bounce).
 */
export function consentChange(
  contactId: string,
  before: boolean,
  after: boolean,
  how: ConsentHow,
  at: Date,
): ConsentChange | undefined {
  if (after && withdrawingOnly.has(how.source))
    throw new Error(`consent cannot be given by ${how.source}: it only withdraws`);
  if (before === after) return undefined;
  return { contactId, at: at.toISOString(), granted: after, ...how };
}
