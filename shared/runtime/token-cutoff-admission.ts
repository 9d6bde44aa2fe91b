import { TtlCache } from '#adapters/secrets/ttl-cache';
import { isCutOff, type TokenCutoffs } from '#domain/users/token-cutoff';
import type { CallerAdmission } from '#http/caller-admission';
import { HttpError } from '#http/http-error';

/** How long a container trusts the cutoff it read for a user: the longest a cut-off token still works. */
export const tokenCutoffCacheMillis = 5_000;

/**
 * Refuses (401) a token issued before its user was deactivated or lost a
 * role. The cutoff is read once per user per `ttlMs` in each container, so
 * a refused token stays refused and a good one costs one read in a while.
 */
export function tokenCutoffAdmission(
  cutoffs: TokenCutoffs,
  options: { readonly ttlMs?: number; readonly now?: () => number } = {},
): CallerAdmission {
  const cache = new TtlCache<number | undefined>(options.ttlMs ?? tokenCutoffCacheMillis, options.now);
  return async (caller, token) => {
    const cutoff = await cache.get(`${caller.tenantId}/${caller.userId}`, () =>
      cutoffs.cutoffOf(caller.tenantId, caller.userId),
    );
    if (isCutOff(token.issuedAt, cutoff)) {
      throw new HttpError(
        'unauthorized',
        'This token was issued before your user was deactivated or lost a role; sign in again.',
      );
    }
  };
}
