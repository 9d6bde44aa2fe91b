import type { RegisterSuggestion } from '#domain/registers/register-suggestion';
import { accountPartition } from '#table/accounts/entities';
import { defineEntity } from '#table/core/entity';
import { key } from '#table/core/key-template';

export const registerSuggestionEntity = /* @__PURE__ */ defineEntity<RegisterSuggestion>()(() => ({
  name: 'RegisterSuggestion',
  description:
    'What the company register said about the account’s organisation number, beside the account; replaced by the next lookup, in the transaction of the account’s system write.',
  key: { pk: accountPartition, sk: key`REGISTER#SUGGESTION` },
  patterns: {
    ofAccount: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; Put in the lookup’s transaction with the account',
    },
  },
}));
