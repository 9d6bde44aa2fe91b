import type { RegisterSuggestionService } from '#domain/registers/register-suggestion-service';
import { type BoundRoute, bind } from '#http/route';
import { registerRoutes as r } from './register-routes';

/** Maps the register suggestion routes onto their service. */
export function registerSuggestionsApi(s: RegisterSuggestionService): BoundRoute[] {
  return [
    bind(r.getRegisterSuggestion, async ({ caller, params }) => ({
      body: await s.get(caller, params.accountId),
    })),
    bind(r.applyRegisterSuggestion, async ({ caller, params, body, ifMatch }) => {
      const account = await s.apply(caller, params.accountId, ifMatch as number, body.fields);
      return { body: account, version: account.version };
    }),
  ];
}
