import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import type { AccountsServices } from '#domain/accounts/accounts-services';
import { readFollowingMerges } from '#domain/accounts/merged-read';
import { type BoundRoute, bind } from '#http/route';
import { accountRoutes as r } from './accounts-routes';

/** Maps each accounts route onto its domain service call. */
export function accountsApi(s: AccountsServices): BoundRoute[] {
  return [
    bind(r.createAccount, async ({ caller, body, idempotency }) =>
      createdResult(await s.accounts.create(caller, body, idempotencyToken('createAccount', idempotency))),
    ),
    bind(r.listAccounts, async ({ caller, query: { limit, cursor, q, ...filter } }) => ({
      body: await s.accounts.list(caller, { namePrefix: q, ...filter }, { limit, cursor }),
    })),
    bind(r.listDeletedAccounts, async ({ caller, query }) => ({
      body: await s.accounts.listDeleted(caller, query),
    })),
    bind(r.restoreAccount, async ({ caller, params, ifMatch }) => {
      const account = await s.accounts.restore(caller, params.accountId, ifMatch);
      return { body: account, version: account.version };
    }),
    bind(r.setAccountAdditionalInfo, async ({ caller, params, body, ifMatch }) => {
      const account = await s.accounts.setAdditionalInfo(caller, params.accountId, ifMatch as number, body);
      return { body: account, version: account.version };
    }),
    bind(r.listCategoryAccounts, async ({ caller, params, query }) => ({
      body: await s.accounts.byCategory(caller, params.categoryId, query),
    })),
    bind(r.listCategoryContacts, async ({ caller, params, query }) => ({
      body: await s.contacts.byCategory(caller, params.categoryId, query),
    })),
    bind(r.getAccount, async ({ caller, params }) => {
      const account = await s.accounts.get(caller, params.accountId);
      return { body: account, version: account.version };
    }),
    bind(r.updateAccount, async ({ caller, params, body, ifMatch }) => {
      const account = await s.accounts.update(caller, params.accountId, ifMatch as number, body);
      return { body: account, version: account.version };
    }),
    bind(r.deleteAccount, async ({ caller, params, ifMatch }) => {
      await s.accounts.remove(caller, params.accountId, ifMatch);
      return {};
    }),
    bind(r.getAccountView, async ({ caller, params }) => ({
      body: await s.accounts.view(caller, params.accountId),
    })),
    bind(r.getAccountHistory, async ({ caller, params, query }) => ({
      body: await s.subjects.history(caller, { type: 'account', id: params.accountId }, query),
    })),
    bind(r.addAccountNote, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.subjects.addNote(
          caller,
          { type: 'account', id: params.accountId },
          body.text,
          idempotencyToken('addAccountNote', idempotency),
        ),
      ),
    ),
    bind(r.listAccountNotes, async ({ caller, params, query }) => ({
      body: await s.subjects.notes(caller, { type: 'account', id: params.accountId }, query),
    })),
    bind(r.createContact, async ({ caller, body, idempotency }) =>
      createdResult(await s.contacts.create(caller, body, idempotencyToken('createContact', idempotency))),
    ),
    bind(r.listContacts, async ({ caller, query: { limit, cursor, q, accountId } }) => ({
      body: await s.contacts.list(caller, { namePrefix: q, accountId }, { limit, cursor }),
    })),
    bind(r.getContact, async ({ caller, params }) => {
      const found = await readFollowingMerges((id) => s.contacts.get(caller, id), params.contactId);
      if ('mergedInto' in found) {
        return {
          status: 301,
          headers: { location: `/v1/contacts/${found.mergedInto}` },
          body: { id: params.contactId, mergedInto: found.mergedInto },
        };
      }
      return { body: found.contact, version: found.contact.version };
    }),
    bind(r.updateContact, async ({ caller, params, body, ifMatch }) => {
      const contact = await s.contacts.update(caller, params.contactId, ifMatch as number, body);
      return { body: contact, version: contact.version };
    }),
    bind(r.deleteContact, async ({ caller, params, ifMatch }) => {
      await s.contacts.remove(caller, params.contactId, ifMatch);
      return {};
    }),
    bind(r.getContactHistory, async ({ caller, params, query }) => ({
      body: await s.subjects.history(caller, { type: 'contact', id: params.contactId }, query),
    })),
    bind(r.addContactNote, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.subjects.addNote(
          caller,
          { type: 'contact', id: params.contactId },
          body.text,
          idempotencyToken('addContactNote', idempotency),
        ),
      ),
    ),
    bind(r.listContactNotes, async ({ caller, params, query }) => ({
      body: await s.subjects.notes(caller, { type: 'contact', id: params.contactId }, query),
    })),
    bind(r.identify, async ({ caller, query }) => {
      const by = query.phone ? 'phone' : query.email ? 'email' : 'customerId';
      const value = (query.phone ?? query.email ?? query.customerId) as string;
      return { body: await s.subjects.identify(caller, by, value) };
    }),
  ];
}
