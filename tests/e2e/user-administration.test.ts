import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { tokenForUser } from '../../lib/local/user-tokens';
import { clientFor, startTestRuntime } from '../support/runtime';

describe('user administration, end to end', () => {
  let runtime: LocalRuntime;
  let adminA: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    adminA = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('takes a deactivated or demoted admin’s power at once: its earlier token undoes nothing', async () => {
    // Prepare: admin A makes B an admin; B signs in (answers name no tenant: the token carries it).
    const a = (await adminA.get('/v1/users/me')).body;
    const created = await adminA.post('/v1/users', {
      email: 'berit@norrsken.example',
      name: 'Berit Admin',
      roles: ['admin'],
    });
    const adminB = clientFor(
      runtime,
      await tokenForUser(runtime.identity, { ...created.body, tenantId: 'norrsken' }),
    );
    const b = `/v1/users/${created.body.id}`;

    // Act: A deactivates B; B's token, still within its hour, tries to undo it and to strike back.
    const deactivated = await adminA.post(`${b}/deactivate`, undefined);
    const selfReactivated = await adminB.post(`${b}/reactivate`, undefined);
    const aDeactivated = await adminB.post(`/v1/users/${a.id}/deactivate`, undefined);
    const accountByB = await adminB.post('/v1/accounts', { name: 'Berits AB', customerType: 'B2B' });
    // A takes B back as a sales user; B's old token tries to make itself admin again.
    const reactivated = await adminA.post(`${b}/reactivate`, undefined);
    const demoted = await adminA.patch(
      b,
      { roles: ['sales'] },
      { 'if-match': reactivated.headers.get('etag') as string },
    );
    const promotedBack = await adminB.patch(
      b,
      { roles: ['admin'] },
      { 'if-match': demoted.headers.get('etag') as string },
    );

    // Assess
    expect([deactivated.status, reactivated.status, demoted.status]).toEqual([200, 200, 200]);
    for (const refused of [selfReactivated, aDeactivated, accountByB, promotedBack]) {
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await adminA.get(b)).body).toMatchObject({ active: true, roles: ['sales'] });
    expect((await adminA.get(`/v1/users/${a.id}`)).body).toMatchObject({ active: true, roles: ['admin'] });
  });

  it('refuses an admin deactivating or demoting itself', async () => {
    // Prepare
    const me = await adminA.get('/v1/users/me');

    // Act
    const deactivated = await adminA.post(`/v1/users/${me.body.id}/deactivate`, undefined);
    const demoted = await adminA.patch(
      `/v1/users/${me.body.id}`,
      { roles: ['sales'] },
      { 'if-match': me.headers.get('etag') as string },
    );

    // Assess
    expect([deactivated.status, demoted.status]).toEqual([403, 403]);
    expect((await adminA.get('/v1/users/me')).body).toMatchObject({ active: true, roles: ['admin'] });
  });
});
