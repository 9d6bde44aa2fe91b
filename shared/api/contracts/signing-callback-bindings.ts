import type { ContractsServices } from '#domain/contracts/contracts-services';
import { type BoundRoute, bind } from '#http/route';
import { signingCallbackRoute } from './signing-callback-routes';

/** Signi's callback: public, its own function. */
export function signingCallbackApi(s: Pick<ContractsServices, 'signing'>): BoundRoute[] {
  return [
    bind(signingCallbackRoute, async ({ query, body }) => ({
      body: await s.signing.callback(query.token, {
        contractId: String(body.contract_id),
        state: body.state,
        ...(body.file ? { file: body.file } : {}),
      }),
    })),
  ];
}
