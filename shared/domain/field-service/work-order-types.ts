import type { InvalidField } from '#domain/errors';
import type { HolidayCountry, WorkOrderType } from '#domain/service/service-settings';

/** Work is booked in quarter hours, and no single visit takes longer than a working day. */
export const bookingStepMinutes = 15;
export const maxVisitMinutes = 480;

type Starting = Omit<WorkOrderType, 'title'> & { readonly title: Readonly<Record<HolidayCountry, string>> };
const electrical = ['electrical'];
const starting: readonly Starting[] = [
  {
    code: 'meter-exchange',
    title: { SE: 'Mätarbyte', SK: 'Výmena meradla' },
    durationMinutes: 60,
    requiredSkills: ['metering'],
    meterExchange: true,
  },
  {
    code: 'connection',
    title: { SE: 'Anslutning', SK: 'Pripojenie' },
    durationMinutes: 120,
    requiredSkills: electrical,
    meterExchange: false,
  },
  {
    code: 'disconnection',
    title: { SE: 'Frånkoppling', SK: 'Odpojenie' },
    durationMinutes: 45,
    requiredSkills: electrical,
    meterExchange: false,
  },
  {
    code: 'reconnection',
    title: { SE: 'Återinkoppling', SK: 'Opätovné pripojenie' },
    durationMinutes: 45,
    requiredSkills: electrical,
    meterExchange: false,
  },
  {
    code: 'inspection',
    title: { SE: 'Besiktning', SK: 'Kontrola' },
    durationMinutes: 60,
    requiredSkills: [],
    meterExchange: false,
  },
  {
    code: 'installation',
    title: { SE: 'Installation', SK: 'Inštalácia' },
    durationMinutes: 180,
    requiredSkills: electrical,
    meterExchange: false,
  },
];

/** What a tenant starts with, in its country's language. */
export const defaultWorkOrderTypes = (country: HolidayCountry): WorkOrderType[] =>
  starting.map(({ title, ...type }) => ({ ...type, title: title[country] }));

/** Each type's problems, named `workOrderTypes.<i>.<field>`; codes must be unique. */
export function workOrderTypeProblems(types: readonly WorkOrderType[]): InvalidField[] {
  const seen = new Set<string>();
  return types.flatMap((type, i) => {
    const at = `workOrderTypes.${i}`;
    const problems: InvalidField[] = [];
    if (seen.has(type.code)) problems.push({ name: `${at}.code`, reason: `${type.code} is used twice` });
    seen.add(type.code);
    const d = type.durationMinutes;
    if (!Number.isInteger(d) || d < bookingStepMinutes || d > maxVisitMinutes || d % bookingStepMinutes !== 0)
      problems.push({
        name: `${at}.durationMinutes`,
        reason: `whole quarter hours from ${bookingStepMinutes} to ${maxVisitMinutes}`,
      });
    if (new Set(type.requiredSkills).size !== type.requiredSkills.length)
      problems.push({ name: `${at}.requiredSkills`, reason: 'a skill is listed twice' });
    return problems;
  });
}
