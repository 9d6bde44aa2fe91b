import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '#domain/errors';
import type { ChangeContext } from '#domain/stamps';
import {
  assertActingAdmin,
  assertAdminRemains,
  assertNotLockingOutSelf,
  changeUser,
  checkRoles,
  createUser,
  deactivateUser,
  newUserFields,
  reactivateUser,
  type User,
} from '#domain/users/user';

const ctx = (now = '2026-03-01T09:00:00.000Z', userId = 'admin-1'): ChangeContext => ({
  tenant: { id: 'norrsken', name: 'Norrsken', country: 'SE', currency: 'SEK', timeZone: 'Europe/Stockholm' },
  userId,
  now: new Date(now),
});

function user(id: string, overrides: Partial<User> = {}): User {
  return {
    ...createUser(
      { id, username: id },
      { email: `${id}@norrsken.example`, name: `User ${id}`, roles: ['admin'] },
      ctx(),
    ),
    ...overrides,
  };
}

/** Catches the error a call throws, failing the test when it throws none. */
function errorOf(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the call succeeded');
}

describe('newUserFields', () => {
  it('lower-cases the e-mail, trims the name and puts the roles in the canonical order without duplicates', () => {
    // Act
    const fields = newUserFields({
      email: '  Anna.Berg@Norrsken.EXAMPLE ',
      name: '  Anna Berg ',
      roles: ['viewer', 'sales', 'viewer', 'admin'],
    });

    // Assess
    expect(fields).toEqual({
      email: 'anna.berg@norrsken.example',
      name: 'Anna Berg',
      roles: ['admin', 'sales', 'viewer'],
    });
  });

  it('names every field at fault at once', () => {
    // Act
    const error = errorOf(() => newUserFields({ email: 'not-an-address', name: '   ', roles: [] }));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([
      { name: 'email', reason: 'not a valid e-mail address' },
      { name: 'name', reason: 'must not be blank' },
      { name: 'roles', reason: 'give at least one role' },
    ]);
  });

  it('refuses a name longer than 200 characters', () => {
    // Act
    const error = errorOf(() =>
      newUserFields({ email: 'a@norrsken.example', name: 'x'.repeat(201), roles: ['sales'] }),
    );

    // Assess
    expect((error as ValidationError).fields).toEqual([{ name: 'name', reason: 'at most 200 characters' }]);
  });
});

describe('checkRoles', () => {
  it('names each unknown role by its position', () => {
    // Act
    const checked = checkRoles(['sales', 'superuser', 'Admin']);

    // Assess
    expect(checked).toEqual([
      { name: 'roles.1', reason: 'not a role; one of admin, sales, service, technician, marketing, viewer' },
      { name: 'roles.2', reason: 'not a role; one of admin, sales, service, technician, marketing, viewer' },
    ]);
  });

  it('accepts each of the five roles', () => {
    // Act
    const checked = checkRoles(['marketing', 'service', 'viewer', 'sales', 'admin']);

    // Assess
    expect(checked).toEqual(['admin', 'sales', 'service', 'marketing', 'viewer']);
  });
});

describe('createUser', () => {
  it('makes an active user whose id is the sign-in account’s sub', () => {
    // Act
    const created = createUser(
      { id: '3f1c2d9e-7b1a-4c55-9a0e-2b6f1d0c8e11', username: '3f1c2d9e-7b1a-4c55-9a0e-2b6f1d0c8e11' },
      { email: 'anna@norrsken.example', name: 'Anna', roles: ['sales'] },
      ctx(),
    );

    // Assess
    expect(created).toMatchObject({
      id: '3f1c2d9e-7b1a-4c55-9a0e-2b6f1d0c8e11',
      tenantId: 'norrsken',
      active: true,
      version: 1,
      createdBy: 'admin-1',
    });
  });
});

describe('changeUser', () => {
  it('lists the changed fields and moves the version on', () => {
    // Prepare
    const current = user('u1', { roles: ['sales'] });

    // Act
    const { user: next, changes } = changeUser(
      current,
      { roles: ['service', 'sales'], name: 'User u1' },
      ctx('2026-03-02T10:00:00.000Z', 'admin-2'),
    );

    // Assess
    expect(changes).toEqual([{ field: 'roles', from: ['sales'], to: ['sales', 'service'] }]);
    expect(next).toMatchObject({ roles: ['sales', 'service'], version: 2, updatedBy: 'admin-2' });
  });

  it('refuses an empty role list and a blank name', () => {
    // Act
    const error = errorOf(() => changeUser(user('u1'), { roles: [], name: ' ' }, ctx()));

    // Assess
    expect((error as ValidationError).fields).toEqual([
      { name: 'name', reason: 'must not be blank' },
      { name: 'roles', reason: 'give at least one role' },
    ]);
  });
});

describe('deactivateUser and reactivateUser', () => {
  it('keeps everything but the activity, and a reactivation clears the date', () => {
    // Prepare
    const current = user('u1', { roles: ['sales'] });

    // Act
    const off = deactivateUser(current, ctx('2026-04-01T08:00:00.000Z'));
    const on = reactivateUser(off, ctx('2026-04-02T08:00:00.000Z'));

    // Assess
    expect(off).toMatchObject({ active: false, deactivatedAt: '2026-04-01T08:00:00.000Z', version: 2 });
    expect(on).toMatchObject({ active: true, version: 3, email: current.email, roles: ['sales'] });
    expect(on).not.toHaveProperty('deactivatedAt');
  });
});

describe('assertAdminRemains (the last-admin rule)', () => {
  it('refuses to take the admin role from the last active admin, naming roles', () => {
    // Prepare
    const admin = user('a1');
    const demoted = changeUser(admin, { roles: ['sales'] }, ctx()).user;

    // Act
    const error = errorOf(() => assertAdminRemains(admin, demoted, ['a1']));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual([
      {
        name: 'roles',
        reason:
          'the last active admin of the tenant cannot lose the admin role; make another user admin first',
      },
    ]);
  });

  it('refuses to deactivate the last active admin', () => {
    // Prepare
    const admin = user('a1');

    // Act
    const error = errorOf(() => assertAdminRemains(admin, deactivateUser(admin, ctx()), ['a1']));

    // Assess
    expect((error as ConflictError).message).toBe(
      'the last active admin of the tenant cannot be deactivated; make another user admin first',
    );
  });

  it('lets an admin go while another active admin remains', () => {
    // Prepare
    const admin = user('a1');

    // Act
    const act = () => assertAdminRemains(admin, deactivateUser(admin, ctx()), ['a1', 'a2']);

    // Assess
    expect(act).not.toThrow();
  });

  it('does not count a deactivated admin, and ignores changes that keep the admin', () => {
    // Prepare
    const inactive = deactivateUser(user('a2'), ctx());
    const admin = user('a1');

    // Act
    const renamed = () => assertAdminRemains(admin, changeUser(admin, { name: 'New' }, ctx()).user, ['a1']);
    const inactiveChanged = () =>
      assertAdminRemains(inactive, changeUser(inactive, { roles: ['viewer'] }, ctx()).user, ['a1']);

    // Assess
    expect(renamed).not.toThrow();
    expect(inactiveChanged).not.toThrow();
  });
});

describe('assertActingAdmin (the caller as stored, not as its token says)', () => {
  const actor = { tenantId: 'norrsken', userId: 'a1' };

  it('lets an active admin manage users', () => {
    // Act
    const act = () => assertActingAdmin(actor, user('a1'));

    // Assess
    expect(act).not.toThrow();
  });

  it('refuses a caller deactivated, demoted or unknown since its token was issued', () => {
    // Prepare
    const admin = user('a1');
    const stored = [
      deactivateUser(admin, ctx()),
      changeUser(admin, { roles: ['sales'] }, ctx()).user,
      undefined,
      { ...admin, tenantId: 'tatra' },
    ];

    // Act
    const errors = stored.map((caller) => errorOf(() => assertActingAdmin(actor, caller)));

    // Assess
    for (const error of errors) expect(error).toBeInstanceOf(ForbiddenError);
  });
});

describe('assertNotLockingOutSelf', () => {
  const actor = { tenantId: 'norrsken', userId: 'a1' };

  it('refuses an admin deactivating itself or taking its own admin role', () => {
    // Prepare
    const admin = user('a1');

    // Act
    const deactivated = errorOf(() => assertNotLockingOutSelf(actor, admin, deactivateUser(admin, ctx())));
    const demoted = errorOf(() =>
      assertNotLockingOutSelf(actor, admin, changeUser(admin, { roles: ['sales'] }, ctx()).user),
    );

    // Assess
    expect(deactivated).toMatchObject({
      name: 'ForbiddenError',
      message: expect.stringMatching(/deactivate yourself/),
    });
    expect(demoted).toMatchObject({
      name: 'ForbiddenError',
      message: expect.stringMatching(/admin role from yourself/),
    });
  });

  it('lets an admin rename itself, add roles to itself, and deactivate or demote another admin', () => {
    // Prepare
    const self = user('a1');
    const other = user('a2');

    // Act
    const acts = [
      () => assertNotLockingOutSelf(actor, self, changeUser(self, { name: 'Ingrid B.' }, ctx()).user),
      () => assertNotLockingOutSelf(actor, self, changeUser(self, { roles: ['admin', 'sales'] }, ctx()).user),
      () => assertNotLockingOutSelf(actor, other, deactivateUser(other, ctx())),
      () => assertNotLockingOutSelf(actor, other, changeUser(other, { roles: ['viewer'] }, ctx()).user),
    ];

    // Assess
    for (const act of acts) expect(act).not.toThrow();
  });
});
