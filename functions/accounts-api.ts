import { accountsApi } from '#api/accounts/accounts-bindings';
import { timelineApi } from '#api/accounts/timeline-bindings';
import { accountPorts } from '#runtime/account-ports';
import { accountsServices } from '#runtime/accounts-services';
import { httpFunction } from '#runtime/http-function';
import { timelineServices } from '#runtime/timeline-services';
import { tableFromEnvironment } from '#table/core/table';

/** Accounts, contacts, notes, history, timeline and caller identification. */
export const handler = httpFunction('accounts-api', () => {
  const table = tableFromEnvironment();
  const services = accountsServices(table, {}, accountPorts(table));
  return [...accountsApi(services), ...timelineApi(timelineServices(table))];
});
