import { usersApi } from '#api/users/users-bindings';
import { environmentDirectory } from '#runtime/environment/directory';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';
import { usersServices } from '#runtime/users-services';

/** The users of a tenant: the Cognito user pool and the users' records. */
export const handler = httpFunction('users-api', () =>
  usersApi(usersServices({ table: environmentTable(), directory: environmentDirectory() })),
);
