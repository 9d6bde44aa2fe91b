import * as z from 'zod';
import { accountSchema } from '#api/accounts/record-schemas';
import { idSchema } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import { applySuggestionBody, registerSuggestionSchema } from './register-schemas';

const accountParams = z.object({ accountId: idSchema });

/** The company register's suggestion beside an account (R-AC-11), served by the accounts function. */
export const registerRoutes = {
  getRegisterSuggestion: defineRoute({
    operationId: 'getRegisterSuggestion',
    method: 'GET',
    path: '/v1/accounts/{accountId}/register-suggestion',
    summary: 'What the company register says about the account’s organisation number',
    tag: 'Accounts',
    permission: 'read',
    params: accountParams,
    success: {
      status: 200,
      description:
        'The latest suggestion; 404 until the register has answered (or for a number it is not asked about).',
      schema: registerSuggestionSchema,
    },
    errors: [400, 401, 403, 404],
  }),
  applyRegisterSuggestion: defineRoute({
    operationId: 'applyRegisterSuggestion',
    method: 'POST',
    path: '/v1/accounts/{accountId}/register-suggestion/apply',
    summary: 'Copy some or all of the register’s suggestion onto the account',
    tag: 'Accounts',
    permission: 'write',
    params: accountParams,
    body: applySuggestionBody,
    ifMatch: 'required',
    etag: true,
    success: {
      status: 200,
      description:
        'The changed account, in its history as an ordinary update. 409 when the suggestion is for another number than the account has now, or the register did not find it.',
      schema: accountSchema,
    },
    errors: [400, 401, 403, 404, 409, 412, 415, 428],
    problems: ['invalid-state'],
  }),
};
