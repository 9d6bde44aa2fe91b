import { accountsApi } from '../shared/api/accounts-api';
import { accountsServices } from '../shared/runtime/accounts-services';
import { httpFunction } from '../shared/runtime/http-function';
import { tableFromEnvironment } from '../shared/table/table';

/** Accounts, contacts, notes, history and caller identification. */
export const handler = httpFunction('accounts-api', () =>
  accountsApi(accountsServices(tableFromEnvironment())),
);
