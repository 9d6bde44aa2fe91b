import { TenantRateLimiter } from '#domain/rate-limits/tenant-rate-limiter';
import type { CallerAdmission } from '#http/caller-admission';
import { DynamoRateBucketStore } from '#table/rate-limits/rate-bucket-store';
import { DynamoTokenCutoffs } from '#table/users/token-cutoffs';
import { environmentTable } from './environment/table';
import { environmentTenantRateLimit } from './environment/tenant-rate-limit';
import { tenantRateAdmission } from './tenant-rate-admission';
import { tokenCutoffAdmission } from './token-cutoff-admission';

/** Builds an admission on its first call: a function that serves only public routes has no table. */
function onFirstUse(build: () => CallerAdmission): CallerAdmission {
  let built: CallerAdmission | undefined;
  return (caller, token) => {
    built ??= build();
    return built(caller, token);
  };
}

/**
 * The handler shell's checks of every authenticated call, on the table
 * named by `TABLE_NAME`: first the token's cutoff (a refused token costs the
 * tenant nothing), then the tenant's rate.
 */
export function environmentAdmissions(): CallerAdmission[] {
  return [
    onFirstUse(() => tokenCutoffAdmission(new DynamoTokenCutoffs(environmentTable()))),
    onFirstUse(() =>
      tenantRateAdmission(
        new TenantRateLimiter({
          buckets: new DynamoRateBucketStore(environmentTable()),
          clock: { now: () => new Date() },
          limit: environmentTenantRateLimit(),
        }),
      ),
    ),
  ];
}
