import { accountsApi } from '#api/accounts/accounts-bindings';
import { contactMergeApi } from '#api/accounts/contact-merge-bindings';
import { timelineApi } from '#api/accounts/timeline-bindings';
import { registerSuggestionsApi } from '#api/registers/register-bindings';
import { accountsServices } from '#runtime/accounts-services';
import { contactMergeServices } from '#runtime/contact-merge-services';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';
import { registerSuggestionService } from '#runtime/register-services';
import { timelineServices } from '#runtime/timeline-services';

/** Accounts, contacts (and their merges), notes, history, timeline and caller identification. */
export const handler = httpFunction('accounts-api', () => {
  const env = { table: environmentTable() };
  const accounts = accountsServices(env);
  return [
    ...accountsApi(accounts),
    ...contactMergeApi(contactMergeServices(env)),
    ...timelineApi(timelineServices(env)),
    ...registerSuggestionsApi(registerSuggestionService(env.table, accounts.accounts)),
  ];
});
