import type { TenantRateLimiter } from '#domain/rate-limits/tenant-rate-limiter';
import type { CallerAdmission } from '#http/caller-admission';
import { HttpError } from '#http/http-error';

/** Refuses (429, with Retry-After) a call of a tenant that has used up its share of the API. */
export function tenantRateAdmission(limiter: TenantRateLimiter): CallerAdmission {
  return async (caller) => {
    const admission = await limiter.admit(caller.tenantId);
    if (admission.admitted) return;
    const seconds = admission.retryAfterSeconds;
    throw new HttpError(
      'rate-limited',
      `Your organisation has sent more requests than its rate allows; retry in ${seconds} s.`,
      [],
      { 'retry-after': String(seconds) },
    );
  };
}
