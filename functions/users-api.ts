import { usersApi } from '../shared/api/users-api';
import { httpFunction } from '../shared/runtime/http-function';
import { usersServices } from '../shared/runtime/users-services';
import { tableFromEnvironment } from '../shared/table/table';

/** The users of a tenant: the Cognito user pool and the users' records. */
export const handler = httpFunction('users-api', () => usersApi(usersServices(tableFromEnvironment())));
