import type { Unsubscribe } from '#domain/newsletters/unsubscribe';
import { type BoundRoute, bind } from '#http/route';
import { unsubscribeRoutes as u } from './unsubscribe-routes';

/** Stops a cached page from showing an old state: each answer is for this request only. */
const uncached = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/** The public unsubscribe page and one-click endpoint. */
export function unsubscribeApi(s: Unsubscribe): BoundRoute[] {
  return [
    bind(u.showUnsubscribe, async ({ params }) => ({ body: await s.show(params.token), headers: uncached })),
    bind(u.confirmUnsubscribe, async ({ params, raw }) => ({
      body: await s.confirm(
        params.token,
        raw.headers['content-type'],
        raw.body,
        // A browser submitting the page's form says it navigates; a mail provider's POST does not.
        raw.headers['sec-fetch-mode'] === 'navigate',
      ),
      headers: uncached,
    })),
  ];
}
