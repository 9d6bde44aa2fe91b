import { accountsApi } from '../shared/api/accounts-api';
import { timelineApi } from '../shared/api/timeline-api';
import { accountPorts } from '../shared/runtime/account-ports';
import { accountsServices } from '../shared/runtime/accounts-services';
import { httpFunction } from '../shared/runtime/http-function';
import { timelineServices } from '../shared/runtime/timeline-services';
import { tableFromEnvironment } from '../shared/table/table';

/** Accounts, contacts, notes, history, timeline and caller identification. */
export const handler = httpFunction('accounts-api', () => {
  const table = tableFromEnvironment();
  const services = accountsServices(table, {}, accountPorts(table));
  return [...accountsApi(services), ...timelineApi(timelineServices(table))];
});
