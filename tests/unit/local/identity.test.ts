import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalIdentityProvider } from '../../../lib/local/identity';

const user = { sub: 'u-1', tenantId: 'norrsken', email: 'anna@example.se', groups: ['sales'] as const };

describe('the local identity provider', () => {
  afterEach(() => vi.useRealTimers());

  it('refuses a token it accepted before once the token expires', async () => {
    // Prepare: a token of a minute, accepted once.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-05T08:00:00Z') });
    const identity = await LocalIdentityProvider.open(mkdtempSync(path.join(tmpdir(), 'gridline-id-')));
    const token = await identity.mint(user, 60);
    expect(await identity.authorize(`Bearer ${token}`)).toMatchObject({ sub: 'u-1' });

    // Act: a second before and a second after its expiry.
    vi.setSystemTime(new Date('2026-12-05T08:00:59Z'));
    const before = await identity.authorize(`Bearer ${token}`);
    vi.setSystemTime(new Date('2026-12-05T08:01:01Z'));
    const after = await identity.authorize(`Bearer ${token}`);

    // Assess
    expect(before).toMatchObject({ sub: 'u-1', 'custom:tenantId': 'norrsken' });
    expect(after).toBeUndefined();
  });

  it('hands each request claims of its own, so one handler’s change reaches no other', async () => {
    // Prepare
    const identity = await LocalIdentityProvider.open(mkdtempSync(path.join(tmpdir(), 'gridline-id-')));
    const token = await identity.mint(user);
    const first = await identity.authorize(`Bearer ${token}`);

    // Act
    if (first) first.sub = 'someone-else';
    const second = await identity.authorize(`Bearer ${token}`);

    // Assess
    expect(second?.sub).toBe('u-1');
  });

  it('refuses a token signed by another key, also after accepting its own', async () => {
    // Prepare
    const identity = await LocalIdentityProvider.open(mkdtempSync(path.join(tmpdir(), 'gridline-id-')));
    const other = await LocalIdentityProvider.open(mkdtempSync(path.join(tmpdir(), 'gridline-id-')));
    await identity.authorize(`Bearer ${await identity.mint(user)}`);

    // Act
    const foreign = await identity.authorize(`Bearer ${await other.mint(user)}`);

    // Assess
    expect(foreign).toBeUndefined();
  });
});
