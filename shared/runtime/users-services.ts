import { CognitoUserDirectory } from '#adapters/users/cognito-user-directory';
import { LocalUserDirectory } from '#adapters/users/local-user-directory';
import type { IdGenerator } from '#domain/ports';
import type { ServiceDeps } from '#domain/service-context';
import type { UserDirectory } from '#domain/users/user-directory';
import { UserService } from '#domain/users/user-service';
import type { Table } from '#table/core/table';
import { DynamoUserLookup } from '#table/users/users-lookup';
import { DynamoUserStore } from '#table/users/users-store';
import { serviceDeps } from './service-deps';

export interface UsersServices {
  readonly users: UserService;
  /** For other modules: is this an active user of the tenant? */
  readonly lookup: DynamoUserLookup;
}

/**
 * The Cognito user pool named by `USER_POOL_ID`; the local directory (no
 * pool, new ids) when `USER_DIRECTORY=local`, as the local runtime sets it.
 */
export function userDirectoryFromEnvironment(ids: IdGenerator): UserDirectory {
  if (process.env.USER_DIRECTORY === 'local') return new LocalUserDirectory(ids);
  const userPoolId = process.env.USER_POOL_ID;
  if (!userPoolId) throw new Error('USER_POOL_ID is not set');
  return new CognitoUserDirectory(userPoolId);
}

/** Wires the users module's service to the table and a user directory (by default from the environment). */
export function usersServices(
  table: Table,
  options: { readonly directory?: UserDirectory; readonly overrides?: Partial<ServiceDeps> } = {},
): UsersServices {
  const deps = serviceDeps(table, options.overrides);
  const directory = options.directory ?? userDirectoryFromEnvironment(deps.ids);
  return {
    users: new UserService({ ...deps, users: new DynamoUserStore(table), directory }),
    lookup: new DynamoUserLookup(table),
  };
}
