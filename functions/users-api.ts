import { usersApi } from '#api/users/users-bindings';
import { httpFunction } from '#runtime/http-function';
import { usersServices } from '#runtime/users-services';
import { tableFromEnvironment } from '#table/core/table';

/** The users of a tenant: the Cognito user pool and the users' records. */
export const handler = httpFunction('users-api', () => usersApi(usersServices(tableFromEnvironment())));
