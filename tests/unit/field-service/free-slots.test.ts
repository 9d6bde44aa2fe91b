import { describe, expect, it } from 'vitest';
import { bookedUnits, freeSlots, type SlotRequest, type Technician } from '#domain/field-service/free-slots';
import type { BusinessCalendar } from '#domain/service/service-settings';

const weekdays = (from: string, to: string): BusinessCalendar['weekly'] => ({
  mon: [{ from, to }],
  tue: [{ from, to }],
  wed: [{ from, to }],
  thu: [{ from, to }],
  fri: [{ from, to }],
  sat: [],
  sun: [],
});
const stockholm: BusinessCalendar = {
  id: 'field',
  name: 'Fältarbete',
  timeZone: 'Europe/Stockholm',
  weekly: weekdays('08:00', '16:00'),
  closedDates: [],
};
const technician = (userId: string, overrides: Partial<Technician> = {}): Technician => ({
  userId,
  skills: ['meter'],
  territories: ['SE3'],
  calendar: stockholm,
  absences: [],
  ...overrides,
});
// Tuesday 1 December 2026: 08:00–16:00 in Stockholm is 07:00–15:00 UTC.
const tuesday: SlotRequest = {
  durationMinutes: 90,
  requiredSkills: ['meter'],
  territory: 'SE3',
  from: new Date('2026-12-01T00:00:00Z'),
  until: new Date('2026-12-02T00:00:00Z'),
  stepMinutes: 30,
  arrivalWindowMinutes: 120,
  limit: 50,
};

describe('freeSlots', () => {
  it('fits the work between absences and bookings inside each qualified technician’s hours', () => {
    // Prepare
    const anna = technician('anna', {
      absences: [{ from: '2026-12-01T09:00:00Z', to: '2026-12-01T11:00:00Z' }],
    });
    const bookings = [{ userId: 'anna', start: '2026-12-01T12:00:00Z', end: '2026-12-01T13:30:00Z' }];

    // Act
    const slots = freeSlots([anna], bookings, tuesday);

    // Assess: 07:00–09:00 holds two starts, 11:00–12:00 is too short, 13:30–15:00 holds one.
    expect(slots.map((s) => [s.start, s.end])).toEqual([
      ['2026-12-01T07:00:00.000Z', '2026-12-01T08:30:00.000Z'],
      ['2026-12-01T07:30:00.000Z', '2026-12-01T09:00:00.000Z'],
      ['2026-12-01T13:30:00.000Z', '2026-12-01T15:00:00.000Z'],
    ]);
  });

  it('leaves out those without a skill or the territory, and orders by start, then technician', () => {
    // Prepare
    const technicians = [
      technician('bo', { skills: ['meter', 'gas'] }),
      technician('anna'),
      technician('cecilia', { skills: ['gas'] }),
      technician('david', { territories: ['SE4'] }),
    ];

    // Act
    const slots = freeSlots(technicians, [], { ...tuesday, limit: 5 });

    // Assess
    expect(slots.map((s) => [s.start.slice(11, 16), s.userId])).toEqual([
      ['07:00', 'anna'],
      ['07:00', 'bo'],
      ['07:30', 'anna'],
      ['07:30', 'bo'],
      ['08:00', 'anna'],
    ]);
  });

  it('tells the customer an arrival window from the hour at or before the start', () => {
    // Act
    const [, second] = freeSlots([technician('anna')], [], tuesday);

    // Assess
    expect(second).toMatchObject({
      start: '2026-12-01T07:30:00.000Z',
      arrival: { from: '2026-12-01T07:00:00.000Z', to: '2026-12-01T09:00:00.000Z' },
    });
  });

  it('counts the real hours of a day the clocks spring forward', () => {
    // Prepare: open all Sunday 29 March 2026 in Stockholm, a day of 23 hours.
    const allSunday: BusinessCalendar = {
      ...stockholm,
      weekly: { ...weekdays('08:00', '16:00'), sun: [{ from: '00:00', to: '24:00' }] },
    };

    // Act
    const slots = freeSlots([technician('anna', { calendar: allSunday })], [], {
      ...tuesday,
      durationMinutes: 60,
      stepMinutes: 60,
      from: new Date('2026-03-28T23:00:00Z'),
      until: new Date('2026-03-29T22:00:00Z'),
    });

    // Assess
    expect(slots).toHaveLength(23);
    expect(slots.at(-1)?.start).toBe('2026-03-29T21:00:00.000Z');
  });

  it('finds nothing for work longer than any stretch of the day', () => {
    // Act
    const slots = freeSlots([technician('anna')], [], { ...tuesday, durationMinutes: 9 * 60 });

    // Assess
    expect(slots).toEqual([]);
  });
});

describe('bookedUnits', () => {
  it('names every step a booking touches, from the one it starts in', () => {
    // Act
    const whole = bookedUnits('2026-12-01T12:00:00Z', '2026-12-01T13:30:00Z', 15);
    const partial = bookedUnits('2026-12-01T12:10:00Z', '2026-12-01T12:20:00Z', 15);

    // Assess
    expect(whole).toEqual([
      '2026-12-01T12:00:00.000Z',
      '2026-12-01T12:15:00.000Z',
      '2026-12-01T12:30:00.000Z',
      '2026-12-01T12:45:00.000Z',
      '2026-12-01T13:00:00.000Z',
      '2026-12-01T13:15:00.000Z',
    ]);
    expect(partial).toEqual(['2026-12-01T12:00:00.000Z', '2026-12-01T12:15:00.000Z']);
  });
});
