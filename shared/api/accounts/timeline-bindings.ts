import type { TimelineServices } from '#domain/timeline/timeline-services';
import { type BoundRoute, bind } from '#http/route';
import { timelineRoutes as r } from './timeline-routes';

/** Maps the timeline routes onto the timeline service. */
export function timelineApi(s: TimelineServices): BoundRoute[] {
  return [
    bind(r.getAccountTimeline, async ({ caller, params, query }) => ({
      body: await s.timeline.forAccount(caller, params.accountId, query),
    })),
    bind(r.getContactTimeline, async ({ caller, params, query }) => ({
      body: await s.timeline.forContact(caller, params.contactId, query),
    })),
  ];
}
