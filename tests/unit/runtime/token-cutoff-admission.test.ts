import { describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import type { TokenCutoffs } from '#domain/users/token-cutoff';
import { HttpError } from '#http/http-error';
import { tokenCutoffAdmission } from '#runtime/token-cutoff-admission';

const caller: Caller = { tenantId: 'norrsken', userId: 'berit', roles: ['admin'] };
const issuedAt = 1_772_355_600;

/** Cutoffs in memory that count the reads. */
function memoryCutoffs(initial: Record<string, number> = {}) {
  const stored = new Map(Object.entries(initial));
  const reads: string[] = [];
  const cutoffs: TokenCutoffs = {
    cutoffOf: async (tenantId, userId) => {
      reads.push(`${tenantId}/${userId}`);
      return stored.get(userId);
    },
  };
  return { cutoffs, stored, reads };
}

describe('tokenCutoffAdmission', () => {
  it('refuses (401) a token issued before the user’s cutoff, and admits one issued since', async () => {
    // Prepare
    const { cutoffs } = memoryCutoffs({ berit: issuedAt + 1 });
    const admit = tokenCutoffAdmission(cutoffs);

    // Act
    const before = admit(caller, { issuedAt });
    const since = admit(caller, { issuedAt: issuedAt + 1 });

    // Assess
    await Promise.all([
      expect(before).rejects.toThrow(HttpError),
      expect(before).rejects.toMatchObject({ code: 'unauthorized' }),
      expect(since).resolves.toBeUndefined(),
    ]);
  });

  it('reads a user’s cutoff once per cache window, and again after it', async () => {
    // Prepare
    const { cutoffs, stored, reads } = memoryCutoffs();
    let now = 0;
    const admit = tokenCutoffAdmission(cutoffs, { ttlMs: 5_000, now: () => now });

    // Act: admitted and cached; the user is deactivated; the cache still answers, then runs out.
    await admit(caller, { issuedAt });
    stored.set('berit', issuedAt + 1);
    now = 4_999;
    const withinWindow = await admit(caller, { issuedAt }).then(
      () => 'admitted',
      () => 'refused',
    );
    now = 5_000;
    const afterWindow = admit(caller, { issuedAt });

    // Assess
    expect(withinWindow).toBe('admitted');
    await expect(afterWindow).rejects.toMatchObject({ code: 'unauthorized' });
    expect(reads).toEqual(['norrsken/berit', 'norrsken/berit']);
  });
});
