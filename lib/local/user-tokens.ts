import { ForbiddenError, NotFoundError, ValidationError } from '#domain/errors';
import { normaliseEmail } from '#domain/identifiers/email';
import type { User } from '#domain/users/user';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { DynamoUserStore } from '#table/users/users-store';
import type { LocalIdentityProvider, LocalUser } from './identity';

/** A stored user, with its tenant's country when the token should carry it (as Cognito's do). */
type TokenUser = Pick<User, 'id' | 'tenantId' | 'email' | 'roles'> & Pick<LocalUser, 'tenantCountry'>;

/** The token identity of a stored user: its id is the `sub`, its roles the groups. */
export function localUserOf(record: TokenUser): LocalUser {
  return {
    sub: record.id,
    tenantId: record.tenantId,
    email: record.email,
    groups: [...record.roles],
    ...(record.tenantCountry ? { tenantCountry: record.tenantCountry } : {}),
  };
}

/**
 * A token for a stored user, as Cognito would issue one on sign-in. A
 * deactivated user gets none, as Cognito refuses a disabled user's sign-in;
 * a token minted before the deactivation is refused by the handler shell,
 * which reads the user's token cutoff (ADR 0007), here as in AWS.
 */
export async function tokenForUser(
  identity: LocalIdentityProvider,
  record: TokenUser & Pick<User, 'active'>,
  lifetimeSeconds?: number,
): Promise<string> {
  if (!record.active) throw new ForbiddenError(`user ${record.id} is deactivated and gets no new tokens`);
  return identity.mint(localUserOf(record), lifetimeSeconds);
}

/**
 * A token for the tenant's user with this e-mail, read from the table: what
 * a local `npm run token -- --tenant … --email …` needs.
 */
export async function tokenForEmail(
  identity: LocalIdentityProvider,
  table: Table,
  tenantId: string,
  email: string,
  lifetimeSeconds?: number,
): Promise<string> {
  const normalised = normaliseEmail(email);
  if (!normalised.ok) throw new ValidationError([{ name: 'email', reason: normalised.reason }]);
  const store = new DynamoUserStore(table);
  const userId = await store.emailOwner(tenantId, normalised.value);
  const record = userId === undefined ? undefined : await store.get(tenantId, userId);
  if (!record) throw new NotFoundError('user', `${normalised.value} of tenant ${tenantId}`);
  const { country } = await new DynamoTenantDirectory(table).profile(tenantId);
  return tokenForUser(identity, { ...record, tenantCountry: country }, lifetimeSeconds);
}
