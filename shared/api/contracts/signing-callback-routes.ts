import { defineRoute } from '#http/route';
import { signiCallbackBody, signiCallbackQuery, signiCallbackResult } from './signing-callback-schemas';

/**
 * Signi's callback: public, its own function; the token routes it, Signi's
 * own answer settles it. Files of its own, so that function builds none of
 * the contract routes' schemas.
 */
export const signingCallbackRoute = defineRoute({
  operationId: 'receiveSigniCallback',
  method: 'POST',
  path: '/v1/webhooks/e-signature/signi',
  summary:
    'Signi reports a document completed, rejected or expired; re-checked with Signi, replays are no-ops',
  tag: 'Contracts',
  permission: 'public',
  query: signiCallbackQuery,
  body: signiCallbackBody,
  success: {
    status: 200,
    description: 'The contract’s state after the callback',
    schema: signiCallbackResult,
  },
  errors: [400, 404, 409, 415],
});
