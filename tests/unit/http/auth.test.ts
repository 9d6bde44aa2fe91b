import { describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import { ForbiddenError } from '#domain/errors';
import { assertPermitted, callerFromClaims, issuedAtOf } from '#http/auth';

const caller = (...roles: Caller['roles']): Caller => ({ tenantId: 'tenant-se', userId: 'user-1', roles });

describe('callerFromClaims', () => {
  it('reads the tenant, the user and the groups given as an array', () => {
    // Act
    const result = callerFromClaims({
      sub: 'user-1',
      'custom:tenantId': 'tenant-se',
      'cognito:groups': ['admin', 'sales'],
    });

    // Assess
    expect(result).toEqual({ tenantId: 'tenant-se', userId: 'user-1', roles: ['admin', 'sales'] });
  });

  it('reads the tenant’s country when the token carries it, and leaves out one that is not a country code', () => {
    // Act
    const withCountry = callerFromClaims({
      sub: 'user-1',
      'custom:tenantId': 'tenant-sk',
      'custom:tenantCountry': 'SK',
    });
    const malformed = callerFromClaims({
      sub: 'user-1',
      'custom:tenantId': 'tenant-sk',
      'custom:tenantCountry': 'sk;',
    });

    // Assess
    expect(withCountry).toEqual({ tenantId: 'tenant-sk', userId: 'user-1', roles: [], tenantCountry: 'SK' });
    expect(malformed).toEqual({ tenantId: 'tenant-sk', userId: 'user-1', roles: [] });
  });

  it("reads the groups in API Gateway's flattened form", () => {
    // Act
    const result = callerFromClaims({
      sub: 'user-1',
      'custom:tenantId': 'tenant-se',
      'cognito:groups': '[admin sales]',
    });

    // Assess
    expect(result.roles).toEqual(['admin', 'sales']);
  });

  it('reads a single group given as a plain string', () => {
    // Act
    const result = callerFromClaims({
      sub: 'user-1',
      'custom:tenantId': 'tenant-se',
      'cognito:groups': 'viewer',
    });

    // Assess
    expect(result.roles).toEqual(['viewer']);
  });

  it('ignores groups that are not roles of the API', () => {
    // Act
    const flattened = callerFromClaims({
      sub: 'user-1',
      'custom:tenantId': 'tenant-se',
      'cognito:groups': '[beta-testers service]',
    });
    const array = callerFromClaims({
      sub: 'user-1',
      'custom:tenantId': 'tenant-se',
      'cognito:groups': ['Admin', 'marketing'],
    });

    // Assess
    expect(flattened.roles).toEqual(['service']);
    expect(array.roles).toEqual(['marketing']);
  });

  it('gives a caller without groups no roles', () => {
    // Act
    const result = callerFromClaims({ sub: 'user-1', 'custom:tenantId': 'tenant-se' });

    // Assess
    expect(result.roles).toEqual([]);
  });

  it.each([
    ['no tenant claim', { sub: 'user-1', 'cognito:groups': ['admin'] }],
    ['an empty tenant claim', { sub: 'user-1', 'custom:tenantId': '', 'cognito:groups': ['admin'] }],
    ['no subject', { 'custom:tenantId': 'tenant-se', 'cognito:groups': ['admin'] }],
  ])('refuses a token with %s', (_case, claims) => {
    // Act
    const act = () => callerFromClaims(claims);

    // Assess
    expect(act).toThrow(ForbiddenError);
  });
});

describe('assertPermitted', () => {
  it('lets a viewer read', () => {
    // Act
    const act = () => assertPermitted(caller('viewer'), 'read');

    // Assess
    expect(act).not.toThrow();
  });

  it('does not let a viewer write', () => {
    // Act
    const act = () => assertPermitted(caller('viewer'), 'write');

    // Assess
    expect(act).toThrow(new ForbiddenError('this needs the write permission'));
  });

  it.each(['sales', 'service', 'marketing', 'admin'] as const)('lets %s write', (role) => {
    // Act
    const act = () => assertPermitted(caller(role), 'write');

    // Assess
    expect(act).not.toThrow();
  });

  it('lets a viewer who also has a working role write', () => {
    // Act
    const act = () => assertPermitted(caller('viewer', 'sales'), 'write');

    // Assess
    expect(act).not.toThrow();
  });

  it('keeps admin-only operations to admins', () => {
    // Act
    const asSales = () => assertPermitted(caller('sales', 'service', 'marketing'), 'admin');
    const asAdmin = () => assertPermitted(caller('admin'), 'admin');

    // Assess
    expect(asSales).toThrow(new ForbiddenError('this needs the admin permission'));
    expect(asAdmin).not.toThrow();
  });

  it('lets a user without any role not even read', () => {
    // Act
    const act = () => assertPermitted(caller(), 'read');

    // Assess
    expect(act).toThrow(ForbiddenError);
  });
});

describe('issuedAtOf', () => {
  it('reads iat as a number, or as the string API Gateway hands numeric claims over as', () => {
    // Act
    const asNumber = issuedAtOf({ iat: 1772355600 });
    const asString = issuedAtOf({ iat: '1772355600' });

    // Assess
    expect([asNumber, asString]).toEqual([1772355600, 1772355600]);
  });

  it('knows no time when iat is missing or not a whole number of seconds', () => {
    // Act
    const found = [{}, { iat: 'yesterday' }, { iat: 1.5 }, { iat: '' }].map((claims) => issuedAtOf(claims));

    // Assess
    expect(found).toEqual([undefined, undefined, undefined, undefined]);
  });
});
