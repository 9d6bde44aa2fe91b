import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  validateCalendar,
} from '#domain/service/business-calendar';
import type { BusinessCalendar, OpeningHours, Weekday } from '#domain/service/service-settings';

const closed: readonly OpeningHours[] = [];
const week = (hours: Partial<Record<Weekday, readonly OpeningHours[]>>): BusinessCalendar['weekly'] => ({
  mon: closed,
  tue: closed,
  wed: closed,
  thu: closed,
  fri: closed,
  sat: closed,
  sun: closed,
  ...hours,
});
const office = [{ from: '08:00', to: '17:00' }];
const allDay = [{ from: '00:00', to: '24:00' }];
const eightToFour = [{ from: '08:00', to: '16:00' }];
const lunchOnFridays = [
  { from: '08:00', to: '12:00' },
  { from: '12:30', to: '16:00' },
];
const night = [{ from: '01:00', to: '04:00' }];

/** Mon–Fri 08:00–17:00, Swedish holidays. */
const stockholm: BusinessCalendar = {
  id: 'sto',
  name: 'Stockholm office',
  timeZone: 'Europe/Stockholm',
  weekly: week({ mon: office, tue: office, wed: office, thu: office, fri: office }),
  holidayCountry: 'SE',
  closedDates: [],
};

/** Mon–Fri 08:00–16:00 with a lunch break 12:00–12:30 on Fridays, Slovak holidays. */
const bratislava: BusinessCalendar = {
  id: 'bts',
  name: 'Bratislava office',
  timeZone: 'Europe/Bratislava',
  weekly: week({
    mon: eightToFour,
    tue: eightToFour,
    wed: eightToFour,
    thu: eightToFour,
    fri: lunchOnFridays,
  }),
  holidayCountry: 'SK',
  closedDates: [],
};

/** Open only on Sundays, the day the clocks change, without holidays. */
const sundays = (timeZone: string, hours: readonly OpeningHours[]): BusinessCalendar => ({
  id: 'sun',
  name: 'Sundays',
  timeZone,
  weekly: week({ sun: hours }),
  closedDates: [],
});

const alwaysOpen = (timeZone: string): BusinessCalendar => ({
  id: '247',
  name: 'Always open',
  timeZone,
  weekly: week({ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }),
  closedDates: [],
});

const calendars = {
  stockholm,
  bratislava,
  stockholmSundays: sundays('Europe/Stockholm', allDay),
  bratislavaSundays: sundays('Europe/Bratislava', allDay),
  stockholmNights: sundays('Europe/Stockholm', night),
  bratislavaNights: sundays('Europe/Bratislava', night),
  // Opens at a time the clocks skip in spring and meets at one they repeat in autumn.
  stockholmSkipped: sundays('Europe/Stockholm', [{ from: '02:30', to: '04:00' }]),
  stockholmUntilRepeated: sundays('Europe/Stockholm', [{ from: '01:00', to: '02:30' }]),
  bratislavaFromRepeated: sundays('Europe/Bratislava', [{ from: '02:30', to: '04:00' }]),
  bratislavaSplitNight: sundays('Europe/Bratislava', [
    { from: '01:00', to: '02:30' },
    { from: '02:30', to: '04:00' },
  ]),
  stockholm247: alwaysOpen('Europe/Stockholm'),
  bratislava247: alwaysOpen('Europe/Bratislava'),
};
type CalendarName = keyof typeof calendars;

// Every expected instant was worked out by hand in local time, then turned into UTC:
// Stockholm and Bratislava are UTC+1 in winter and UTC+2 from 29 March to 25 October 2026.
const additions: [string, CalendarName, string, number, string][] = [
  ['same day', 'stockholm', '2026-01-13T08:00:00Z', 60, '2026-01-13T09:00:00Z'],
  ['carried overnight', 'stockholm', '2026-01-13T15:30:00Z', 60, '2026-01-14T07:30:00Z'],
  ['Friday to Monday', 'stockholm', '2026-01-16T15:00:00Z', 120, '2026-01-19T08:00:00Z'],
  ['from a Saturday', 'stockholm', '2026-01-17T11:00:00Z', 30, '2026-01-19T07:30:00Z'],
  ['from before opening', 'stockholm', '2026-01-13T05:00:00Z', 15, '2026-01-13T07:15:00Z'],
  ['from after closing', 'stockholm', '2026-01-13T17:00:00Z', 15, '2026-01-14T07:15:00Z'],
  ['zero while open', 'stockholm', '2026-01-13T09:00:00Z', 0, '2026-01-13T09:00:00Z'],
  ['zero on a Saturday: the next opening', 'stockholm', '2026-01-17T09:00:00Z', 0, '2026-01-19T07:00:00Z'],
  ['zero at closing: the next opening', 'stockholm', '2026-01-13T16:00:00Z', 0, '2026-01-14T07:00:00Z'],
  ['up exactly at closing', 'stockholm', '2026-01-13T07:00:00Z', 540, '2026-01-13T16:00:00Z'],
  ['a day and a minute', 'stockholm', '2026-01-13T07:00:00Z', 541, '2026-01-14T07:01:00Z'],
  ['a working week', 'stockholm', '2026-01-12T07:00:00Z', 2700, '2026-01-16T16:00:00Z'],
  // Tuesday 6 January is Epiphany.
  ['over Epiphany', 'stockholm', '2026-01-05T15:00:00Z', 120, '2026-01-07T08:00:00Z'],
  // Friday 16:00 CET; Monday 09:00 is CEST, one hour less from UTC.
  ['over the spring change', 'stockholm', '2026-03-27T15:00:00Z', 120, '2026-03-30T07:00:00Z'],
  // Good Friday 3 April and Easter Monday 6 April: Thursday 16:00 CEST, then Tuesday 09:00.
  ['over Easter', 'stockholm', '2026-04-02T14:00:00Z', 120, '2026-04-07T07:00:00Z'],
  // Ascension Day is Thursday 14 May.
  ['over Ascension Day', 'stockholm', '2026-05-13T14:30:00Z', 60, '2026-05-15T06:30:00Z'],
  // Midsummer Eve is Friday 19 June: Thursday 15:00 CEST, two hours, then Monday 09:00.
  ['over Midsummer', 'stockholm', '2026-06-18T13:00:00Z', 180, '2026-06-22T07:00:00Z'],
  // Friday 16:00 CEST; Monday 09:00 is CET.
  ['over the autumn change', 'stockholm', '2026-10-23T14:00:00Z', 120, '2026-10-26T08:00:00Z'],
  // Christmas Eve and Day are Thursday and Friday.
  ['over Christmas', 'stockholm', '2026-12-23T15:00:00Z', 120, '2026-12-28T08:00:00Z'],
  // New Year's Eve (Thursday) and New Year's Day (Friday) are closed.
  ['over New Year', 'stockholm', '2026-12-30T15:00:00Z', 120, '2027-01-04T08:00:00Z'],
  ['over the Friday lunch break', 'bratislava', '2026-01-16T10:30:00Z', 60, '2026-01-16T12:00:00Z'],
  ['zero in the lunch break: its end', 'bratislava', '2026-01-16T11:10:00Z', 0, '2026-01-16T11:30:00Z'],
  ['Friday to Monday, 16:00 close', 'bratislava', '2026-01-16T14:00:00Z', 90, '2026-01-19T07:30:00Z'],
  ['over Easter, Slovak', 'bratislava', '2026-04-02T13:00:00Z', 120, '2026-04-07T07:00:00Z'],
  // 8 May is not a day of rest in 2026.
  ['into 8 May 2026, a working day', 'bratislava', '2026-05-07T13:00:00Z', 120, '2026-05-08T07:00:00Z'],
  // Midsummer Eve is a Swedish closing day only: Friday 11:00 CEST, an hour, lunch, an hour.
  ['on Midsummer Eve, Slovak', 'bratislava', '2026-06-19T09:00:00Z', 120, '2026-06-19T11:30:00Z'],
  // 15 September is not a day of rest in 2026, but is in 2027 (a Wednesday).
  [
    'into 15 September 2026, a working day',
    'bratislava',
    '2026-09-14T13:00:00Z',
    120,
    '2026-09-15T07:00:00Z',
  ],
  ['over 15 September 2027', 'bratislava', '2027-09-14T13:00:00Z', 120, '2027-09-16T07:00:00Z'],
  // 17 November is no day of rest since 2025.
  ['into 17 November, a working day', 'bratislava', '2026-11-16T14:00:00Z', 120, '2026-11-17T08:00:00Z'],
  // 24 and 25 December are closed; 26 December is a Saturday.
  ['over Christmas, Slovak', 'bratislava', '2026-12-23T14:00:00Z', 120, '2026-12-28T08:00:00Z'],
  // 01:00 CET = 00:00Z; at 02:00 the clocks jump to 03:00, so 04:00 CEST = 02:00Z ends two real hours.
  ['the short night, all of it', 'stockholmNights', '2026-03-29T00:00:00Z', 120, '2026-03-29T02:00:00Z'],
  // 01:00 CET = 00:00Z, an hour to the jump at 01:00Z, then 30 minutes after 03:00 CEST.
  ['the short night, 90 minutes', 'bratislavaNights', '2026-03-29T00:00:00Z', 90, '2026-03-29T01:30:00Z'],
  // 01:00 CEST = 23:00Z the day before; 150 minutes on is the second 02:30 (CET).
  [
    'the long night, into the repeated hour',
    'stockholmNights',
    '2026-10-24T23:00:00Z',
    150,
    '2026-10-25T01:30:00Z',
  ],
  // 04:00 CET = 03:00Z ends four real hours.
  ['the long night, all of it', 'bratislavaNights', '2026-10-24T23:00:00Z', 240, '2026-10-25T03:00:00Z'],
  // Saturday 13:00 CET; 24 real hours on it is 14:00 CEST.
  ['24/7 over the spring change', 'stockholm247', '2026-03-28T12:00:00Z', 1440, '2026-03-29T12:00:00Z'],
  ['24/7 over the autumn change', 'bratislava247', '2026-10-24T12:00:00Z', 1440, '2026-10-25T12:00:00Z'],
  ['24/7 over a week', 'stockholm247', '2026-01-12T00:00:00Z', 10080, '2026-01-19T00:00:00Z'],
  // Sunday 00:00 CET = Saturday 23:00Z; the day lasts 23 hours, so 1 380 minutes end at Monday's midnight.
  ['a whole 23-hour Sunday', 'stockholmSundays', '2026-03-28T23:00:00Z', 1380, '2026-03-29T22:00:00Z'],
  // A minute more is the next Sunday at 00:01 CEST.
  ['past the 23-hour Sunday', 'stockholmSundays', '2026-03-28T23:00:00Z', 1381, '2026-04-04T22:01:00Z'],
];

const between: [string, CalendarName, string, string, number][] = [
  ['within a morning', 'stockholm', '2026-01-13T08:00:00Z', '2026-01-13T09:30:00Z', 90],
  ['Friday afternoon to Monday morning', 'stockholm', '2026-01-16T15:00:00Z', '2026-01-19T08:00:00Z', 120],
  ['a weekend', 'stockholm', '2026-01-17T00:00:00Z', '2026-01-18T22:59:00Z', 0],
  ['backwards', 'stockholm', '2026-01-14T08:00:00Z', '2026-01-13T08:00:00Z', 0],
  ['a working week, midnight to midnight', 'stockholm', '2026-01-11T23:00:00Z', '2026-01-18T23:00:00Z', 2700],
  // Monday 30 March to Monday 6 April, CEST midnights: Good Friday closed, four days open.
  ['Easter week', 'stockholm', '2026-03-29T22:00:00Z', '2026-04-05T22:00:00Z', 2160],
  ['Midsummer week', 'stockholm', '2026-06-14T22:00:00Z', '2026-06-21T22:00:00Z', 2160],
  // 30 seconds before the close and 30 after the next opening make a whole minute.
  ['seconds on either side of the night', 'stockholm', '2026-01-13T15:59:30Z', '2026-01-14T07:00:30Z', 1],
  ['59.999 seconds', 'stockholm', '2026-01-13T08:00:00Z', '2026-01-13T08:00:59.999Z', 0],
  // Friday: 08:00–12:00 and 12:30–16:00.
  ['a Friday with a lunch break', 'bratislava', '2026-01-15T23:00:00Z', '2026-01-16T23:00:00Z', 450],
  // Monday 21 to Monday 28 December: Monday to Wednesday open, eight hours each.
  ['Christmas week, Slovak', 'bratislava', '2026-12-20T23:00:00Z', '2026-12-27T23:00:00Z', 1440],
  ['the short Sunday', 'stockholmSundays', '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 1380],
  // 00:00 CEST = 22:00Z Saturday to 00:00 CET = 23:00Z Sunday: 25 hours.
  ['the long Sunday', 'bratislavaSundays', '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 1500],
  ['the short night', 'bratislavaNights', '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 120],
  ['the long night', 'stockholmNights', '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 240],
  // 02:30 does not exist that night: the interval opens as the clocks jump, 01:00Z, to 04:00 CEST, 02:00Z.
  ['an opening the clocks skip', 'stockholmSkipped', '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 60],
  // An interval holds all of a repeated hour: it closes at the second 02:30, 01:30Z, and opens at the first, 00:30Z.
  [
    'closing at a repeated time',
    'stockholmUntilRepeated',
    '2026-10-24T00:00:00Z',
    '2026-10-26T00:00:00Z',
    150,
  ],
  [
    'opening at a repeated time',
    'bratislavaFromRepeated',
    '2026-10-24T00:00:00Z',
    '2026-10-26T00:00:00Z',
    150,
  ],
  // 01:00 CEST to the second 02:30 (CET), then on to 04:00 CET: the repeated hour counts once, 4 hours in all.
  [
    'intervals meeting in the repeated hour',
    'bratislavaSplitNight',
    '2026-10-24T00:00:00Z',
    '2026-10-26T00:00:00Z',
    240,
  ],
  ['the first of them', 'bratislavaSplitNight', '2026-10-24T23:00:00Z', '2026-10-25T01:30:00Z', 150],
  // Real minutes: 14 × 1 440, though the clocks lose an hour in between.
  ['24/7 over the spring change', 'bratislava247', '2026-03-21T12:00:00Z', '2026-04-04T12:00:00Z', 20160],
];

describe('adding business minutes', () => {
  it.each(additions)('%s: %s, %s + %i min = %s', (_, name, start, minutes, due) => {
    expect(addBusinessMinutes(calendars[name], new Date(start), minutes).toISOString()).toBe(
      new Date(due).toISOString(),
    );
  });

  it('refuses a negative or fractional number of minutes', () => {
    expect(() => addBusinessMinutes(stockholm, new Date('2026-01-13T08:00:00Z'), -1)).toThrow();
    expect(() => addBusinessMinutes(stockholm, new Date('2026-01-13T08:00:00Z'), 1.5)).toThrow();
  });

  it('gives up on a calendar closed for more than three years', () => {
    const closedForGood = { ...stockholm, weekly: week({}) };
    expect(() => addBusinessMinutes(closedForGood, new Date('2026-01-13T08:00:00Z'), 1)).toThrow(/3 years/);
  });
});

describe('business minutes between two instants', () => {
  it.each(between)('%s: %s, %s to %s = %i min', (_, name, from, to, minutes) => {
    expect(businessMinutesBetween(calendars[name], new Date(from), new Date(to))).toBe(minutes);
  });

  const starts = [
    '2026-01-13T06:12:00Z',
    '2026-03-27T14:45:00Z',
    '2026-10-23T13:00:00Z',
    '2026-12-23T12:00:00Z',
  ];
  const amounts = [0, 1, 59, 540, 541, 1000, 2700, 10_000];
  it.each(
    Object.keys(calendars).flatMap((name) => starts.map((start) => [name as CalendarName, start] as const)),
  )('counts back what was added: %s from %s', (name, start) => {
    for (const minutes of amounts) {
      const due = addBusinessMinutes(calendars[name], new Date(start), minutes);
      expect(businessMinutesBetween(calendars[name], new Date(start), due)).toBe(minutes);
    }
  });
});

describe('open or closed at an instant', () => {
  it.each([
    ['2026-01-13T07:00:00Z', true], // Tuesday 08:00
    ['2026-01-13T06:59:59Z', false],
    ['2026-01-13T16:00:00Z', false], // Tuesday 17:00, the close
    ['2026-01-17T10:00:00Z', false], // Saturday
    ['2026-06-19T08:00:00Z', false], // Midsummer Eve
    ['2026-06-22T08:00:00Z', true],
  ])('Stockholm at %s: %s', (at, open) => {
    expect(isOpenAt(stockholm, new Date(at))).toBe(open);
  });

  it('is closed in the Friday lunch break in Bratislava and on a closed date', () => {
    expect(isOpenAt(bratislava, new Date('2026-01-16T11:15:00Z'))).toBe(false);
    expect(isOpenAt(bratislava, new Date('2026-01-16T11:30:00Z'))).toBe(true);
    const closedOnTheDay = { ...bratislava, closedDates: ['2026-01-16'] };
    expect(isOpenAt(closedOnTheDay, new Date('2026-01-16T11:30:00Z'))).toBe(false);
  });

  it('counts a closed date in business minutes', () => {
    const closedOnTheDay = { ...stockholm, closedDates: ['2026-01-14'] };
    expect(
      businessMinutesBetween(
        closedOnTheDay,
        new Date('2026-01-13T07:00:00Z'),
        new Date('2026-01-15T16:00:00Z'),
      ),
    ).toBe(1080);
  });
});

describe('validating a calendar', () => {
  const field = 'calendars.0';
  const reasons = (calendar: BusinessCalendar) => validateCalendar(calendar, field).map((f) => f.name);

  it('accepts the calendars above', () => {
    for (const calendar of Object.values(calendars)) expect(validateCalendar(calendar)).toEqual([]);
  });

  it('refuses an unknown time zone', () => {
    expect(reasons({ ...stockholm, timeZone: 'Europe/Gothenburg' })).toEqual(['calendars.0.timeZone']);
  });

  it('refuses times that are not HH:MM of a day', () => {
    const weekly = week({
      mon: [{ from: '25:00', to: '26:00' }],
      tue: [{ from: '24:00', to: '24:00' }],
      wed: [{ from: '8:00', to: '17:60' }],
      thu: office,
    });
    expect(reasons({ ...stockholm, weekly })).toEqual([
      'calendars.0.weekly.mon.0.from',
      'calendars.0.weekly.mon.0.to',
      'calendars.0.weekly.tue.0.from',
      'calendars.0.weekly.wed.0.from',
      'calendars.0.weekly.wed.0.to',
    ]);
  });

  it('refuses an interval that ends before it starts, and intervals that overlap or are out of order', () => {
    const weekly = week({
      mon: [{ from: '17:00', to: '08:00' }],
      tue: [{ from: '10:00', to: '10:00' }],
      wed: [
        { from: '08:00', to: '12:00' },
        { from: '11:30', to: '17:00' },
      ],
      thu: [
        { from: '13:00', to: '17:00' },
        { from: '08:00', to: '12:00' },
      ],
      fri: [
        { from: '08:00', to: '12:00' },
        { from: '12:00', to: '24:00' },
      ],
    });
    expect(reasons({ ...stockholm, weekly })).toEqual([
      'calendars.0.weekly.mon.0.to',
      'calendars.0.weekly.tue.0.to',
      'calendars.0.weekly.wed.1.from',
      'calendars.0.weekly.thu.1.from',
    ]);
  });

  it('refuses a week without an open minute', () => {
    expect(reasons({ ...stockholm, weekly: week({}) })).toEqual(['calendars.0.weekly']);
  });

  it('refuses a holiday country without holidays shipped', () => {
    const calendar = { ...stockholm, holidayCountry: 'NO' } as unknown as BusinessCalendar;
    expect(reasons(calendar)).toEqual(['calendars.0.holidayCountry']);
  });

  it('refuses closed dates that are not dates', () => {
    expect(reasons({ ...stockholm, closedDates: ['2026-12-24', '2026-02-30', '24.12.2026'] })).toEqual([
      'calendars.0.closedDates.1',
      'calendars.0.closedDates.2',
    ]);
  });

  it('names fields under "calendar" by default', () => {
    expect(validateCalendar({ ...stockholm, timeZone: 'Mars/Olympus' })).toEqual([
      { name: 'calendar.timeZone', reason: expect.any(String) },
    ]);
  });
});
