import type { Case } from './case';
import { calendarOf } from './case-sla';
import type { ServiceSettings } from './service-settings';
import { targetView } from './sla-clock';

/** A case with each target as of `now`: business minutes left and the paused time so far. */
export function caseView(settings: Pick<ServiceSettings, 'calendars'>, c: Case, now: Date) {
  const calendar = calendarOf(settings, c.sla.calendarId);
  return {
    ...c,
    sla: {
      ...c.sla,
      firstResponse: targetView(calendar, c.sla.firstResponse, now),
      resolution: targetView(calendar, c.sla.resolution, now),
    },
  };
}
