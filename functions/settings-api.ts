import { settingsApi } from '../shared/api/settings-api';
import { accountPorts } from '../shared/runtime/account-ports';
import { httpFunction } from '../shared/runtime/http-function';
import { settingsServices } from '../shared/runtime/settings-services';
import { tableFromEnvironment } from '../shared/table/table';
import { DynamoUserLookup } from '../shared/table/users-lookup';

/** Tenant settings, user groups and the move-customers jobs. */
export const handler = httpFunction('settings-api', () => {
  const table = tableFromEnvironment();
  return settingsApi(
    settingsServices(table, { accountPorts: accountPorts(table), users: new DynamoUserLookup(table) }),
  );
});
