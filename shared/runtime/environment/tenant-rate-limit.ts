import type { RateLimit } from '#domain/rate-limits/token-bucket';

/** Each tenant's default share of the API: 50 requests a second, bursts of 100. */
export const defaultTenantRateLimit: RateLimit = { perSecond: 50, burst: 100 };

function wholeNumber(name: string, fallback: number): number {
  const given = process.env[name];
  if (given === undefined || given === '') return fallback;
  const value = Number(given);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1`);
  return value;
}

/** The tenant rate limit from `TENANT_RATE_LIMIT_PER_SECOND` and `TENANT_RATE_LIMIT_BURST`, each defaulted. */
export function environmentTenantRateLimit(): RateLimit {
  return {
    perSecond: wholeNumber('TENANT_RATE_LIMIT_PER_SECOND', defaultTenantRateLimit.perSecond),
    burst: wholeNumber('TENANT_RATE_LIMIT_BURST', defaultTenantRateLimit.burst),
  };
}
