import { defaultWorkOrderTypes } from '#domain/field-service/work-order-types';
import {
  type BusinessCalendar,
  type CasePriority,
  type CaseType,
  casePriorities,
  type HolidayCountry,
  type OpeningHours,
  type ServiceSettings,
  type SlaPolicy,
  type SupportLevel,
} from './service-settings';

/** Ids of what the defaults define; fixed, as they need only be unique within one tenant's settings. */
export const defaultCalendarId = 'office-hours';
export const standardLevelId = 'standard';
export const priorityLevelId = 'priority';

const caseTypeTitles: Readonly<Record<HolidayCountry, Readonly<Record<string, string>>>> = {
  SE: {
    billing: 'Faktura',
    'meter-reading': 'Mätaravläsning',
    move: 'Flytt',
    'supplier-switch': 'Leverantörsbyte',
    outage: 'Avbrott',
    complaint: 'Klagomål',
    other: 'Övrigt',
  },
  SK: {
    billing: 'Faktúra',
    'meter-reading': 'Odpočet meradla',
    move: 'Sťahovanie',
    'supplier-switch': 'Zmena dodávateľa',
    outage: 'Prerušenie dodávky',
    complaint: 'Sťažnosť',
    other: 'Iné',
  },
};

const names = {
  SE: { calendar: 'Kontorstid', standard: 'Standard', priority: 'Prioriterad' },
  SK: { calendar: 'Pracovný čas', standard: 'Štandard', priority: 'Prioritná' },
} as const satisfies Record<HolidayCountry, Record<string, string>>;

const officeHours: Readonly<Record<HolidayCountry, { timeZone: string; hours: OpeningHours }>> = {
  SE: { timeZone: 'Europe/Stockholm', hours: { from: '08:00', to: '17:00' } },
  SK: { timeZone: 'Europe/Bratislava', hours: { from: '08:00', to: '16:00' } },
};

/** First response and resolution at the standard level, in business minutes; the priority level gets half. */
const standardTargets: Readonly<Record<CasePriority, readonly [number, number]>> = {
  urgent: [60, 480],
  high: [240, 960],
  normal: [480, 2400],
  low: [960, 4800],
};

function calendarFor(country: HolidayCountry): BusinessCalendar {
  const { timeZone, hours } = officeHours[country];
  return {
    id: defaultCalendarId,
    name: names[country].calendar,
    timeZone,
    weekly: { mon: [hours], tue: [hours], wed: [hours], thu: [hours], fri: [hours], sat: [], sun: [] },
    holidayCountry: country,
    closedDates: [],
  };
}

function policiesOf(supportLevelId: string, share: number): SlaPolicy[] {
  return casePriorities.map((priority) => {
    const [firstResponse, resolution] = standardTargets[priority];
    return {
      supportLevelId,
      priority,
      calendarId: defaultCalendarId,
      firstResponseMinutes: firstResponse * share,
      resolutionMinutes: resolution * share,
      warnAtBasisPoints: 8000,
      escalation: { notify: true, raisePriority: true },
    };
  });
}

/**
 * What a new tenant's customer service starts with, in the country's
 * language: case types, office hours with the public holidays, a standard
 * and a priority level with targets for every priority. No teams or routing
 * rules, as teams are user groups the tenant has yet to create.
 */
export function defaultServiceSettings(country: HolidayCountry): ServiceSettings {
  const caseTypes: CaseType[] = Object.entries(caseTypeTitles[country]).map(([code, title]) => ({
    code,
    title,
  }));
  const supportLevels: SupportLevel[] = [
    { id: standardLevelId, name: names[country].standard, categoryIds: [] },
    { id: priorityLevelId, name: names[country].priority, categoryIds: [] },
  ];
  return {
    webFormKeys: [],
    socialPages: [],
    caseTypes,
    calendars: [calendarFor(country)],
    supportLevels,
    defaultSupportLevelId: standardLevelId,
    policies: [...policiesOf(standardLevelId, 1), ...policiesOf(priorityLevelId, 0.5)],
    teams: [],
    routingRules: [],
    workOrderTypes: defaultWorkOrderTypes(country),
  };
}
