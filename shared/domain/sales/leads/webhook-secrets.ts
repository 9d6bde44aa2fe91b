/**
 * The secrets lead sources sign their webhook deliveries with (see
 * webhook-signature.ts). They are kept outside the table, one per source;
 * a rotation keeps the replaced secret valid for a day, so the sender can
 * switch without losing deliveries.
 */
export interface WebhookSecrets {
  /** A new secret for a new source, returned once. ConflictError when the source has one. */
  create(tenantId: string, sourceId: string): Promise<string>;
  /** Replaces the source's secret with a new one, returned once. NotFoundError when the tenant has no such source. */
  rotate(tenantId: string, sourceId: string): Promise<string>;
  /**
   * What a delivery may be signed with now: the current secret, then the
   * previous one while its rotation is fresh. NotFoundError when the source
   * has none. No tenant: the webhook learns it from the source.
   */
  read(sourceId: string): Promise<readonly string[]>;
}

/** How long a replaced secret is still accepted. */
export const previousSecretValidityMs = 24 * 60 * 60 * 1000;

/** What is stored for a source. */
export interface StoredWebhookSecret {
  readonly current: string;
  readonly previous?: string;
  /** ISO time of the last rotation. */
  readonly rotatedAt?: string;
}

/** The stored secrets after `next` replaces the current one; an older previous is dropped. */
export function rotatedSecret(stored: StoredWebhookSecret, next: string, now: Date): StoredWebhookSecret {
  return { current: next, previous: stored.current, rotatedAt: now.toISOString() };
}

/** The secrets accepted at `now`, current first. */
export function acceptedSecrets(stored: StoredWebhookSecret, now: Date): readonly string[] {
  const { current, previous, rotatedAt } = stored;
  const fresh =
    previous !== undefined &&
    rotatedAt !== undefined &&
    now.getTime() - Date.parse(rotatedAt) < previousSecretValidityMs;
  return fresh ? [current, previous] : [current];
}
