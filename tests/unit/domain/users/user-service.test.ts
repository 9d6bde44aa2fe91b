import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Actor } from '#domain/ports';
import type { TenantProfile } from '#domain/tenant';
import { createUser, isActiveAdmin, type User } from '#domain/users/user';
import type { UserDirectory } from '#domain/users/user-directory';
import { UserService } from '#domain/users/user-service';
import type { UserStore } from '#domain/users/user-store';

const admin: Actor = { tenantId: 'norrsken', userId: 'sub-admin' };
const tenant: TenantProfile = {
  id: 'norrsken',
  name: 'Norrsken',
  country: 'SE',
  currency: 'SEK',
  timeZone: 'Europe/Stockholm',
};
const changedAt = new Date('2026-03-01T09:00:00.000Z');

/** The acting admin's record, as the tenant's bootstrap left it. */
const storedAdmin = createUser(
  { id: admin.userId, username: admin.userId },
  { email: 'ingrid@norrsken.example', name: 'Ingrid', roles: ['admin'] },
  { tenant, userId: admin.userId, now: changedAt },
);

/**
 * Users in memory, the acting admin among them, with the store's version
 * check; `failNextUpdate` makes the next update fail; `cutoffs` are the
 * token cutoffs written, by user.
 */
function memoryStore() {
  const users = new Map<string, User>([[storedAdmin.id, storedAdmin]]);
  const cutoffs = new Map<string, number>();
  const events: DomainEvent[] = [];
  const state = { failNextUpdate: undefined as Error | undefined };
  const store: UserStore = {
    get: async (tenantId, id) => {
      const found = users.get(id);
      return found?.tenantId === tenantId ? found : undefined;
    },
    list: async (tenantId) => ({ items: [...users.values()].filter((u) => u.tenantId === tenantId) }),
    emailOwner: async (tenantId, email) =>
      [...users.values()].find((u) => u.tenantId === tenantId && u.email === email)?.id,
    activeAdminIds: async (tenantId) =>
      [...users.values()].filter((u) => u.tenantId === tenantId && isActiveAdmin(u)).map((u) => u.id),
    create: async (user, event) => {
      users.set(user.id, user);
      events.push(event);
      return { value: user, replayed: false };
    },
    update: async (previous, next, event, tokenCutoff) => {
      const failure = state.failNextUpdate;
      state.failNextUpdate = undefined;
      if (failure) throw failure;
      if (users.get(previous.id)?.version !== previous.version)
        throw new VersionMismatchError('user', previous.id);
      users.set(next.id, next);
      if (tokenCutoff !== undefined) cutoffs.set(next.id, tokenCutoff);
      events.push(event);
    },
    replayOf: async () => undefined,
  };
  return { store, users, cutoffs, events, state };
}

/** A directory that records what it was asked to do. */
function recordingDirectory() {
  const calls: string[] = [];
  let next = 0;
  const directory: UserDirectory = {
    createUser: async (tenant, user) => {
      calls.push(`create ${tenant.id} ${tenant.country} ${user.email} [${user.roles.join(',')}]`);
      next += 1;
      return { id: `sub-${next}`, username: `sub-${next}` };
    },
    setRoles: async (user, roles) => {
      calls.push(`roles ${user.id} [${roles.join(',')}]`);
    },
    deactivate: async (user) => {
      calls.push(`deactivate ${user.id}`);
    },
    reactivate: async (user) => {
      calls.push(`reactivate ${user.id}`);
    },
  };
  return { directory, calls };
}

function setup() {
  const memory = memoryStore();
  const recording = recordingDirectory();
  let id = 0;
  const service = new UserService({
    tenants: { profile: async (tenantId) => ({ ...tenant, id: tenantId }) },
    clock: { now: () => changedAt },
    ids: { next: () => `event-${++id}` },
    users: memory.store,
    directory: recording.directory,
  });
  return { service, ...memory, ...recording };
}

describe('UserService', () => {
  it('creates the sign-in account with the checked e-mail and roles, and keeps its sub as the id', async () => {
    // Prepare
    const { service, calls, events } = setup();

    // Act
    const { value } = await service.create(admin, {
      email: ' Anna@Norrsken.example',
      name: 'Anna Berg',
      roles: ['sales', 'admin'],
    });

    // Assess
    expect(calls).toEqual(['create norrsken SE anna@norrsken.example [admin,sales]']);
    expect(value).toMatchObject({ id: 'sub-1', email: 'anna@norrsken.example', active: true });
    expect(events.map((e) => [e.type, e.subject])).toEqual([['UserCreated', { type: 'user', id: 'sub-1' }]]);
  });

  it('refuses a second user with the same e-mail without touching the directory', async () => {
    // Prepare
    const { service, calls } = setup();
    await service.create(admin, { email: 'anna@norrsken.example', name: 'Anna', roles: ['sales'] });
    calls.length = 0;

    // Act
    const attempt = service.create(admin, {
      email: 'ANNA@norrsken.example',
      name: 'Anna 2',
      roles: ['admin'],
    });

    // Assess
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toMatchObject({ fields: [{ name: 'email' }] });
    expect(calls).toEqual([]);
  });

  it('refuses an admin demoting or deactivating itself, before the directory is asked', async () => {
    // Prepare
    const { service, calls, users } = setup();

    // Act
    const [demote, deactivate] = await Promise.allSettled([
      service.update(admin, admin.userId, 1, { roles: ['sales'] }),
      service.deactivate(admin, admin.userId),
    ]);

    // Assess
    expect(demote).toMatchObject({ status: 'rejected', reason: { name: 'ForbiddenError' } });
    expect(deactivate).toMatchObject({ status: 'rejected', reason: { name: 'ForbiddenError' } });
    expect(calls).toEqual([]);
    expect(users.get(admin.userId)).toEqual(storedAdmin);
  });

  it('refuses every user change by a caller deactivated or demoted since its token was issued', async () => {
    // Prepare: b is an admin, deactivated by the acting admin; c an admin demoted to sales.
    const { service, calls } = setup();
    const { value: b } = await service.create(admin, { email: 'b@n.example', name: 'B', roles: ['admin'] });
    const { value: c } = await service.create(admin, { email: 'c@n.example', name: 'C', roles: ['admin'] });
    await service.deactivate(admin, b.id);
    await service.update(admin, c.id, 1, { roles: ['sales'] });
    calls.length = 0;
    const asB = { tenantId: admin.tenantId, userId: b.id };
    const asC = { tenantId: admin.tenantId, userId: c.id };

    // Act
    const attempts = await Promise.allSettled([
      service.reactivate(asB, b.id),
      service.deactivate(asB, admin.userId),
      service.update(asC, c.id, 2, { roles: ['admin'] }),
      service.create(asC, { email: 'd@n.example', name: 'D', roles: ['admin'] }),
    ]);

    // Assess
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: 'rejected', reason: expect.any(ForbiddenError) });
    }
    expect(calls).toEqual([]);
  });

  it('cuts off the tokens of a user deactivated or demoted, but not of one renamed or reactivated', async () => {
    // Prepare
    const { service, cutoffs } = setup();
    const { value: b } = await service.create(admin, { email: 'b@n.example', name: 'B', roles: ['admin'] });
    const { value: c } = await service.create(admin, { email: 'c@n.example', name: 'C', roles: ['sales'] });
    const { value: d } = await service.create(admin, { email: 'd@n.example', name: 'D', roles: ['sales'] });

    // Act
    await service.deactivate(admin, b.id);
    await service.update(admin, c.id, 1, { roles: ['viewer'] });
    await service.update(admin, d.id, 1, { name: 'Dora' });
    await service.reactivate(admin, b.id);

    // Assess
    const afterTheChange = changedAt.getTime() / 1000 + 1;
    expect(Object.fromEntries(cutoffs)).toEqual({ [b.id]: afterTheChange, [c.id]: afterTheChange });
  });

  it('creates a tenant’s first admin without a caller, and only while the tenant has no active admin', async () => {
    // Prepare
    const { service, users } = setup();
    users.clear();
    const bootstrap = { tenantId: 'norrsken', userId: 'bootstrap' };

    // Act
    const notAdmin = service.createFirstAdmin(bootstrap, {
      email: 's@n.example',
      name: 'S',
      roles: ['sales'],
    });
    const first = await service.createFirstAdmin(bootstrap, {
      email: 'a@n.example',
      name: 'A',
      roles: ['admin'],
    });
    const second = service.createFirstAdmin(bootstrap, { email: 'b@n.example', name: 'B', roles: ['admin'] });

    // Assess
    await Promise.all([
      expect(notAdmin).rejects.toMatchObject({ name: 'ValidationError', fields: [{ name: 'roles' }] }),
      expect(second).rejects.toMatchObject({ name: 'ConflictError', code: 'invalid-state' }),
    ]);
    expect(first.value).toMatchObject({ email: 'a@n.example', roles: ['admin'], active: true });
  });

  it('lets the first admin go once a second admin is active', async () => {
    // Prepare
    const { service } = setup();
    const { value: first } = await service.create(admin, {
      email: 'a1@n.example',
      name: 'A1',
      roles: ['admin'],
    });
    await service.create(admin, { email: 'a2@n.example', name: 'A2', roles: ['admin'] });

    // Act
    const demoted = await service.update(admin, first.id, 1, { roles: ['viewer'] });

    // Assess
    expect(demoted.roles).toEqual(['viewer']);
  });

  it('puts the directory back to the stored record when the record cannot be written', async () => {
    // Prepare
    const { service, calls, state } = setup();
    await service.create(admin, { email: 'a1@n.example', name: 'A1', roles: ['admin'] });
    const { value: sales } = await service.create(admin, {
      email: 's@n.example',
      name: 'S',
      roles: ['sales'],
    });
    calls.length = 0;
    state.failNextUpdate = new VersionMismatchError('user', sales.id);

    // Act
    const attempt = service.update(admin, sales.id, 1, { roles: ['admin'] });

    // Assess
    await expect(attempt).rejects.toThrow(VersionMismatchError);
    expect(calls).toEqual([
      `roles ${sales.id} [admin]`,
      `roles ${sales.id} [sales]`,
      `reactivate ${sales.id}`,
    ]);
  });

  it('deactivates once: a repeat changes nothing and emits nothing', async () => {
    // Prepare
    const { service, calls, events } = setup();
    await service.create(admin, { email: 'a1@n.example', name: 'A1', roles: ['admin'] });
    const { value: sales } = await service.create(admin, {
      email: 's@n.example',
      name: 'S',
      roles: ['sales'],
    });
    calls.length = 0;
    events.length = 0;

    // Act
    const first = await service.deactivate(admin, sales.id);
    const second = await service.deactivate(admin, sales.id);

    // Assess
    expect(first).toEqual(second);
    expect(first).toMatchObject({ active: false, version: 2 });
    expect(calls).toEqual([`deactivate ${sales.id}`]);
    expect(events.map((e) => e.type)).toEqual(['UserDeactivated']);
  });

  it('answers 404 for a user of another tenant', async () => {
    // Prepare
    const { service } = setup();
    const { value } = await service.create(admin, { email: 'a1@n.example', name: 'A1', roles: ['admin'] });

    // Act
    const read = service.get({ tenantId: 'tatra', userId: 'tatra-admin' }, value.id);

    // Assess
    await expect(read).rejects.toThrow(NotFoundError);
  });
});
