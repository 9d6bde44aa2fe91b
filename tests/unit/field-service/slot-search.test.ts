import { describe, expect, it } from 'vitest';
import { BookingService } from '#domain/field-service/booking-service';
import { type Booking, freeSlots, type Technician } from '#domain/field-service/free-slots';
import type { TechnicianProfile } from '#domain/field-service/technician';
import type { WorkOrder } from '#domain/field-service/work-order';
import { defaultServiceSettings } from '#domain/service/default-service-settings';

const settings = { ...defaultServiceSettings('SE'), tenantId: 't1', version: 0 };
const calendar = settings.calendars[0] as Technician['calendar'];
// Monday 2027-01-11, 06:00 UTC: before the office opens in Stockholm.
const now = new Date('2027-01-11T06:00:00.000Z');
const day = 86_400_000;

const profile = (userId: string): TechnicianProfile =>
  ({ id: userId, skills: ['electrical'], territories: [], calendarId: calendar.id, absences: [] }) as never;

/** Each technician's working day filled on the days listed, with one-hour visits from 07:00 to 16:00 UTC. */
function fullDays(userId: string, days: readonly number[]): Booking[] {
  return days.flatMap((d) =>
    Array.from({ length: 9 }, (_, h) => {
      const start = now.getTime() + d * day + (h + 1) * 3_600_000;
      return { userId, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() };
    }),
  );
}

function search(bookings: readonly Booking[], active: readonly string[] = ['a', 'b']) {
  const reads: [string, string][] = [];
  const service = new BookingService({
    clock: { now: () => now },
    ids: { next: () => 'x' },
    tenants: { profile: async () => ({}) as never },
    workOrders: {
      bookings: async (_t: string, from: Date, until: Date) => {
        reads.push([from.toISOString(), until.toISOString()]);
        return bookings.filter(
          (b) => Date.parse(b.end) > from.getTime() && Date.parse(b.start) < until.getTime(),
        );
      },
    } as never,
    technicians: { all: async () => [profile('a'), profile('b')] } as never,
    parties: { settings: async () => settings, technicianIds: async () => new Set(active) } as never,
    orders: {
      visible: async () => ({ durationMinutes: 60, requiredSkills: ['electrical'] }) as unknown as WorkOrder,
    },
  });
  return { service, reads };
}

const actor = { tenantId: 't1', userId: 'd1', roles: ['service'] };
const technicians: Technician[] = ['a', 'b'].map((userId) => ({
  userId,
  skills: ['electrical'],
  territories: [],
  calendar,
  absences: [],
}));

describe('the free-slot search through the booking service', () => {
  it('reads one day of bookings when that day has the slots asked for', async () => {
    // Prepare
    const { service, reads } = search([]);

    // Act
    const slots = await service.freeSlots(actor, 'wo1', { limit: 10 });

    // Assess
    expect(slots).toHaveLength(10);
    expect(reads).toEqual([[now.toISOString(), new Date(now.getTime() + day).toISOString()]]);
  });

  it.each([1, 5, 50])('answers the same %i soonest slots as a search of the whole range', async (limit) => {
    // Prepare: both technicians fully booked for the first three working days, one of them the fourth too.
    const bookings = [...fullDays('a', [0, 1, 2, 3]), ...fullDays('b', [0, 1, 2])];
    const { service, reads } = search(bookings);

    // Act
    const windowed = await service.freeSlots(actor, 'wo1', { limit });
    const whole = freeSlots(technicians, bookings, {
      durationMinutes: 60,
      requiredSkills: ['electrical'],
      from: now,
      until: new Date(now.getTime() + 14 * day),
      stepMinutes: 15,
      arrivalWindowMinutes: 120,
      limit,
    });

    // Assess: the same answer, found by reading on past the booked days.
    expect(windowed).toEqual(whole);
    expect(windowed[0]?.start.slice(0, 10)).toBe('2027-01-14');
    expect(reads.length).toBeGreaterThan(1);
  });

  it('offers no time of a technician deactivated or no longer a technician', async () => {
    // Prepare: b keeps a profile but is not an active technician.
    const { service } = search([], ['a']);

    // Act
    const slots = await service.freeSlots(actor, 'wo1', { limit: 20 });

    // Assess
    expect(new Set(slots.map((s) => s.userId))).toEqual(new Set(['a']));
  });

  it('reads no more than the first day when nobody can do the work', async () => {
    // Prepare
    const { service, reads } = search([], []);

    // Act
    const slots = await service.freeSlots(actor, 'wo1', { limit: 20 });

    // Assess
    expect([slots, reads.length]).toEqual([[], 1]);
  });
});
