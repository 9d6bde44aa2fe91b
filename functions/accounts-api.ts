import { accountsApi } from '#api/accounts/accounts-bindings';
import { contactMergeApi } from '#api/accounts/contact-merge-bindings';
import { timelineApi } from '#api/accounts/timeline-bindings';
import { accountsServices } from '#runtime/accounts-services';
import { contactMergeServices } from '#runtime/contact-merge-services';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';
import { timelineServices } from '#runtime/timeline-services';

/** Accounts, contacts (and their merges), notes, history, timeline and caller identification. */
export const handler = httpFunction('accounts-api', () => {
  const env = { table: environmentTable() };
  return [
    ...accountsApi(accountsServices(env)),
    ...contactMergeApi(contactMergeServices(env)),
    ...timelineApi(timelineServices(env)),
  ];
});
