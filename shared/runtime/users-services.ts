import type { ServiceDeps } from '#domain/service-context';
import { UserService } from '#domain/users/user-service';
import type { UsersServices } from '#domain/users/users-services';
import { DynamoUserLookup } from '#table/users/users-lookup';
import { DynamoUserStore } from '#table/users/users-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Wires the users module's service to the table and the environment's user directory. */
export function usersServices(
  env: Pick<Environment, 'table' | 'directory'>,
  overrides: Partial<ServiceDeps> = {},
): UsersServices {
  const { table, directory } = env;
  return {
    users: new UserService({
      ...serviceDeps(table, overrides),
      users: new DynamoUserStore(table),
      directory,
    }),
    lookup: new DynamoUserLookup(table),
  };
}
