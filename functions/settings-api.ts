import { settingsApi } from '#api/settings/settings-bindings';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';
import { settingsServices } from '#runtime/settings-services';

/** Tenant settings, user groups and the move-customers jobs. */
export const handler = httpFunction('settings-api', () =>
  settingsApi(settingsServices({ table: environmentTable() })),
);
