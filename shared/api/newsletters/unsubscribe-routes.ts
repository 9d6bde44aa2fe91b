import { defineRoute } from '#http/route';
import { unsubscribeParams } from './unsubscribe-schemas';

const tag = 'Newsletters';
const html = 'text/html; charset=utf-8';

/**
 * The public end of newsletter mails' unsubscribe links (RFC 8058): their
 * own function and throttle, and files of their own, so that function builds
 * none of the admin routes' schemas.
 */
export const unsubscribeRoutes = {
  showUnsubscribe: defineRoute({
    operationId: 'showUnsubscribe',
    method: 'GET',
    path: '/v1/unsubscribe/{token}',
    summary:
      'The unsubscribe page in the tenant’s language, with a confirm button that works without JavaScript',
    tag,
    permission: 'public',
    params: unsubscribeParams,
    success: {
      status: 200,
      description: 'The confirm page; for a tampered or expired link, a page saying it is not valid',
      contentType: html,
    },
    errors: [],
  }),
  confirmUnsubscribe: defineRoute({
    operationId: 'confirmUnsubscribe',
    method: 'POST',
    path: '/v1/unsubscribe/{token}',
    summary:
      'One-click unsubscribe (RFC 8058): the body `List-Unsubscribe=One-Click`, without cookies or auth; the page’s button posts the same',
    tag,
    permission: 'public',
    params: unsubscribeParams,
    success: {
      status: 200,
      description:
        'Unsubscribed (the same page for a link whose contact is gone); the confirm page for a body that is not one-click; a not-valid page for a tampered or expired link',
      contentType: html,
    },
    errors: [],
  }),
} as const;
