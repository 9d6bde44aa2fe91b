import { settingsApi } from '#api/settings/settings-bindings';
import { accountPorts } from '#runtime/account-ports';
import { httpFunction } from '#runtime/http-function';
import { settingsServices } from '#runtime/settings-services';
import { tableFromEnvironment } from '#table/core/table';
import { DynamoUserLookup } from '#table/users/users-lookup';

/** Tenant settings, user groups and the move-customers jobs. */
export const handler = httpFunction('settings-api', () => {
  const table = tableFromEnvironment();
  return settingsApi(
    settingsServices(table, { accountPorts: accountPorts(table), users: new DynamoUserLookup(table) }),
  );
});
