import type { Caller } from '#domain/caller';
import { ForbiddenError } from '#domain/errors';
import { type Role, roles } from '#domain/users/roles';

/** Claim names as Cognito issues them in an ID token. */
export const claimNames = {
  subject: 'sub',
  tenantId: 'custom:tenantId',
  tenantCountry: 'custom:tenantCountry',
  groups: 'cognito:groups',
  issuedAt: 'iat',
} as const;

type ClaimValue = string | number | boolean | string[] | undefined;

/**
 * API Gateway's JWT authorizer hands claims over flattened: an array claim
 * such as `cognito:groups` arrives as the string `[admin sales]`. Both that
 * and a real array are accepted.
 */
function parseGroups(value: ClaimValue): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string' || value.length === 0) return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

export function callerFromClaims(claims: Record<string, ClaimValue>): Caller {
  const tenantId = claims[claimNames.tenantId];
  const userId = claims[claimNames.subject];
  if (typeof tenantId !== 'string' || tenantId.length === 0 || typeof userId !== 'string') {
    throw new ForbiddenError('the token carries no tenant');
  }
  const known = new Set<string>(roles);
  const callerRoles = parseGroups(claims[claimNames.groups]).filter((g): g is Role => known.has(g));
  // Tokens issued before the claim existed have none: the tenant's profile is read instead.
  const country = claims[claimNames.tenantCountry];
  const tenantCountry = typeof country === 'string' && /^[A-Z]{2}$/.test(country) ? country : undefined;
  return {
    tenantId,
    userId,
    roles: callerRoles,
    ...(tenantCountry ? { tenantCountry: tenantCountry as NonNullable<Caller['tenantCountry']> } : {}),
  };
}

/**
 * When the token was issued, in seconds since the epoch; undefined when it
 * does not say. API Gateway hands numeric claims over as strings.
 */
export function issuedAtOf(claims: Record<string, ClaimValue>): number | undefined {
  const value = claims[claimNames.issuedAt];
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) ? seconds : undefined;
}

/**
 * What a route needs: `read` any role; `write` any role but viewer;
 * `admin` the admin role.
 */
export type Permission = 'read' | 'write' | 'admin';

export function assertPermitted(caller: Caller, permission: Permission): void {
  const allowed =
    permission === 'read'
      ? caller.roles.length > 0
      : permission === 'write'
        ? caller.roles.some((r) => r !== 'viewer')
        : caller.roles.includes('admin');
  if (!allowed) {
    throw new ForbiddenError(
      permission === 'read'
        ? 'your user has no role in this tenant'
        : `this needs the ${permission} permission`,
    );
  }
}
