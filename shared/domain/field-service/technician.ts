import type { InvalidField } from '#domain/errors';
import type { BusinessCalendar } from '#domain/service/service-settings';
import type { Stamps } from '#domain/stamps';
import type { Technician } from './free-slots';

/** A time off, ISO instants, end exclusive. */
export interface Absence {
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
}

/** What an admin sets on a technician: the user's skills, territories, working hours and time off. */
export interface TechnicianFields {
  readonly skills: readonly string[];
  /** Distribution territory codes of supply points they go to. */
  readonly territories: readonly string[];
  /** The service settings' business calendar that holds their weekly hours and holidays. */
  readonly calendarId: string;
  readonly absences: readonly Absence[];
}

/** A user with the technician role, as field service plans them (R-CS-5); its id is the user's. */
export interface TechnicianProfile extends TechnicianFields, Stamps {
  readonly name: string;
}

export const maxAbsences = 100;

/** Absences that end after they start and do not overlap each other. */
export function absenceProblems(absences: readonly Absence[]): InvalidField[] {
  const problems: InvalidField[] = [];
  absences.forEach((a, i) => {
    if (Date.parse(a.to) <= Date.parse(a.from))
      problems.push({ name: `absences.${i}.to`, reason: 'must be after from' });
  });
  const sorted = absences
    .map((a, i) => ({ ...a, i }))
    .sort((x, y) => Date.parse(x.from) - Date.parse(y.from));
  for (let k = 1; k < sorted.length; k++) {
    const [before, after] = [sorted[k - 1], sorted[k]];
    if (before && after && Date.parse(after.from) < Date.parse(before.to))
      problems.push({ name: `absences.${after.i}.from`, reason: `overlaps absences.${before.i}` });
  }
  return problems;
}

/** The technician as booking sees them, on their calendar; undefined when the calendar is gone. */
export function technicianOf(
  profile: TechnicianProfile,
  calendars: readonly BusinessCalendar[],
): Technician | undefined {
  const calendar = calendars.find((c) => c.id === profile.calendarId);
  return (
    calendar && {
      userId: profile.id,
      skills: profile.skills,
      territories: profile.territories,
      calendar,
      absences: profile.absences,
    }
  );
}
