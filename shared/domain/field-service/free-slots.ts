import { openSpansBetween, type Span } from '#domain/service/business-calendar';
import type { BusinessCalendar } from '#domain/service/service-settings';

/** A technician as booking sees them: what they can do, where, and when they work. */
export interface Technician {
  readonly userId: string;
  readonly skills: readonly string[];
  /** Territory codes they cover; empty covers none. */
  readonly territories: readonly string[];
  readonly calendar: BusinessCalendar;
  /** Times off (leave, sickness, training), ISO instants, end exclusive. */
  readonly absences: readonly { readonly from: string; readonly to: string }[];
}

/** A technician's time already taken, ISO instants, end exclusive. */
export interface Booking {
  readonly userId: string;
  readonly start: string;
  readonly end: string;
}

export interface SlotRequest {
  readonly durationMinutes: number;
  readonly requiredSkills: readonly string[];
  /** The supply point's territory; none asks for no territory. */
  readonly territory?: string;
  readonly from: Date;
  readonly until: Date;
  /** Starts fall on these boundaries (UTC), and guard items cover time in these units. */
  readonly stepMinutes: number;
  /** What the customer is told: an arrival window of this length, starting on the hour at or before the start. */
  readonly arrivalWindowMinutes: number;
  readonly limit: number;
}

export interface FreeSlot {
  readonly userId: string;
  readonly start: string;
  readonly end: string;
  readonly arrival: { readonly from: string; readonly to: string };
}

const minute = 60_000;
const hour = 60 * minute;

/** Has every skill the work needs and covers its territory. */
export const qualifies = (t: Technician, r: Pick<SlotRequest, 'requiredSkills' | 'territory'>) =>
  r.requiredSkills.every((s) => t.skills.includes(s)) &&
  (r.territory === undefined || t.territories.includes(r.territory));

/** `spans` less the `taken` intervals, each kept in order. */
function subtract(spans: readonly Span[], taken: readonly Span[]): Span[] {
  let free = [...spans];
  for (const cut of taken) {
    free = free.flatMap((s) =>
      cut.end <= s.start || cut.start >= s.end
        ? [s]
        : [
            ...(cut.start > s.start ? [{ start: s.start, end: cut.start }] : []),
            ...(cut.end < s.end ? [{ start: cut.end, end: s.end }] : []),
          ],
    );
  }
  return free;
}

const spanOf = (x: {
  readonly start?: string;
  readonly end?: string;
  readonly from?: string;
  readonly to?: string;
}) => ({
  start: Date.parse((x.start ?? x.from) as string),
  end: Date.parse((x.end ?? x.to) as string),
});

/**
 * Where a work order fits (R-CS-5): for every technician with the skills
 * and the territory, each start on a step boundary inside their working
 * hours (their calendar, less absences and bookings) at which the whole
 * duration fits, between `from` and `until`; soonest first, then by
 * technician, at most `limit`.
 */
export function freeSlots(
  technicians: readonly Technician[],
  bookings: readonly Booking[],
  request: SlotRequest,
): FreeSlot[] {
  const step = request.stepMinutes * minute;
  const length = request.durationMinutes * minute;
  const from = request.from.getTime();
  const until = request.until.getTime();
  // Technicians mostly share a calendar: its open stretches are worked out once per search.
  const spansOf = new Map<BusinessCalendar, Span[]>();
  const openOf = (calendar: BusinessCalendar) => {
    let spans = spansOf.get(calendar);
    if (!spans) {
      spans = [...openSpansBetween(calendar, request.from, request.until)]
        .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, until) }))
        .filter((s) => s.end > s.start);
      spansOf.set(calendar, spans);
    }
    return spans;
  };
  const busy = new Map<string, Span[]>();
  for (const b of bookings) {
    const spans = busy.get(b.userId) ?? [];
    spans.push(spanOf(b));
    busy.set(b.userId, spans);
  }
  const candidates: { readonly userId: string; readonly start: number }[] = [];
  for (const t of technicians.filter((x) => qualifies(x, request))) {
    const taken = [...t.absences.map(spanOf), ...(busy.get(t.userId) ?? [])];
    // The stretches come in time order: a technician's first `limit` starts are all they can add.
    let added = 0;
    for (const span of subtract(openOf(t.calendar), taken)) {
      for (
        let start = Math.ceil(span.start / step) * step;
        start + length <= span.end && added < request.limit;
        start += step
      ) {
        candidates.push({ userId: t.userId, start });
        added += 1;
      }
    }
  }
  // Only the soonest are answered: they alone become text.
  return candidates
    .sort((a, b) => a.start - b.start || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
    .slice(0, request.limit)
    .map(({ userId, start }) => {
      const arrival = Math.floor(start / hour) * hour;
      return {
        userId,
        start: new Date(start).toISOString(),
        end: new Date(start + length).toISOString(),
        arrival: {
          from: new Date(arrival).toISOString(),
          to: new Date(arrival + request.arrivalWindowMinutes * minute).toISOString(),
        },
      };
    });
}

/**
 * The step units a booking covers, as ISO instants of their starts: one
 * guard item each in the booking's transaction, so two bookings of the same
 * technician's time cannot both be written.
 */
export function bookedUnits(start: string, end: string, stepMinutes: number): string[] {
  const step = stepMinutes * minute;
  const units: string[] = [];
  for (let t = Math.floor(Date.parse(start) / step) * step; t < Date.parse(end); t += step) {
    units.push(new Date(t).toISOString());
  }
  return units;
}
