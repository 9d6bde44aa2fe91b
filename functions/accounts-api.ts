import { accountsApi } from '../shared/api/accounts-api';
import { timelineApi } from '../shared/api/timeline-api';
import { accountsServices } from '../shared/runtime/accounts-services';
import { httpFunction } from '../shared/runtime/http-function';
import { timelineServices } from '../shared/runtime/timeline-services';
import { tableFromEnvironment } from '../shared/table/table';
import { DynamoUserLookup } from '../shared/table/users-lookup';

/** Accounts, contacts, notes, history, timeline and caller identification. */
export const handler = httpFunction('accounts-api', () => {
  const table = tableFromEnvironment();
  const services = accountsServices(table, {}, { users: new DynamoUserLookup(table) });
  return [...accountsApi(services), ...timelineApi(timelineServices(table))];
});
