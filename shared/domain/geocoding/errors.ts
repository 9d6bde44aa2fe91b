/**
 * Failures of a geocoder adapter. Neither is a verdict on the address: the
 * verification stays pending and the caller decides what to do.
 */

/**
 * Transient: the provider did not answer in time, throttled us (429) or failed
 * (5xx, unreadable body) even after the adapter's own retries. Try again later.
 */
export class GeocoderUnavailableError extends Error {
  /** How long the provider asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs?: number;

  constructor(message: string, options?: ErrorOptions & { retryAfterMs?: number }) {
    super(message, options);
    this.name = 'GeocoderUnavailableError';
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Permanent: repeating the request cannot help. The API key is missing, wrong
 * or not allowed (401/403), the secret holding it is unusable, or the provider
 * rejects the request itself (other 4xx), which means the adapter or its
 * configuration needs a human.
 */
export class GeocoderConfigurationError extends Error {
  /** The provider's HTTP status, when the failure came from an answer. */
  readonly status?: number;

  constructor(message: string, options?: ErrorOptions & { status?: number }) {
    super(message, options);
    this.name = 'GeocoderConfigurationError';
    if (options?.status !== undefined) this.status = options.status;
  }
}
