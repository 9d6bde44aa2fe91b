import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '#domain/errors';
import { HttpError } from '#http/http-error';
import { bookedUnitEntity } from '#table/field-service/entities';
import { fieldWorld } from './field-world';

/** An inspection anywhere (no skills, no territory): any technician fits. */
const inspection = { type: 'inspection', notify: 'none' } as const;

const isConflict = (reason: unknown) =>
  (reason instanceof ConflictError && reason.code === 'slot-taken') ||
  (reason instanceof HttpError && reason.code === 'concurrent-change');

describe('booking technicians’ time', () => {
  it('lets exactly one of 50 simultaneous bookings of the same time through', async () => {
    // Prepare
    const { admin, services } = await fieldWorld();
    const orders = await Promise.all(
      Array.from({ length: 50 }, async () => (await services.workOrders.create(admin, inspection)).value),
    );
    const [slot] = await services.booking.freeSlots(admin, orders[0]?.id as string, { limit: 1 });
    if (!slot) throw new Error('no free slot');

    // Act
    const results = await Promise.allSettled(
      orders.map((wo) =>
        services.booking.book(admin, wo.id, { technicianId: slot.userId, start: slot.start }),
      ),
    );

    // Assess: one booking, 49 conflicts; the time is no longer free.
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    expect(lost.every(isConflict)).toBe(true);
    const after = await services.booking.freeSlots(admin, orders[1]?.id as string, { limit: 50 });
    expect(after.some((s) => s.userId === slot.userId && s.start === slot.start)).toBe(false);
  });

  it('frees the time of a cancelled visit, and moves a visit within its own time', async () => {
    // Prepare: two jobs; the first booked.
    const { admin, services, table, tenantId } = await fieldWorld();
    const first = (await services.workOrders.create(admin, inspection)).value;
    const second = (await services.workOrders.create(admin, inspection)).value;
    const [slot] = await services.booking.freeSlots(admin, first.id, { limit: 1 });
    if (!slot) throw new Error('no free slot');
    const request = { technicianId: slot.userId, start: slot.start };
    const booked = (await services.booking.book(admin, first.id, request)).value;

    // Act: cancel it, book the same time for the second job, then move it by a quarter hour.
    const cancelled = await services.booking.cancel(admin, first.id, booked.appointment.id, 'customer asked');
    const rebooked = (await services.booking.book(admin, second.id, request)).value;
    const later = new Date(Date.parse(slot.start) + 15 * 60_000).toISOString();
    const moved = await services.booking.reschedule(admin, second.id, rebooked.appointment.id, {
      technicianId: slot.userId,
      start: later,
    });
    const taken = services.booking.book(admin, first.id, { technicianId: slot.userId, start: later });
    const view = await services.workOrders.view(admin, second.id);

    // Assess: the first back to new; the second's old visit cancelled and pointing at the new one.
    expect(cancelled.workOrder.status).toBe('new');
    expect(cancelled.appointment).toMatchObject({ status: 'cancelled', cancelReason: 'customer asked' });
    expect(moved.appointment.start).toBe(later);
    await expect(taken).rejects.toMatchObject({ code: 'slot-taken' });
    expect(view.appointments.map((a) => [a.status, a.rescheduledTo])).toEqual([
      ['cancelled', moved.appointment.id],
      ['booked', undefined],
    ]);
    expect(view.appointmentCount).toBe(2);
    // The quarter hour the move gave up is free again; the one it took is held.
    const unit = (at: string) =>
      bookedUnitEntity.get(table, { tenantId, technicianId: slot.userId, unit: at });
    expect(await unit(slot.start)).toBeUndefined();
    expect(await unit(slot.end)).toEqual({ appointmentId: moved.appointment.id });
  });

  it('refuses a time outside the technician’s hours or skills, naming the field', async () => {
    // Prepare
    const { admin, services, technician } = await fieldWorld();
    const job = (await services.workOrders.create(admin, inspection)).value;
    const [slot] = await services.booking.freeSlots(admin, job.id, { limit: 1 });
    if (!slot) throw new Error('no free slot');
    const night = new Date(Date.parse(slot.start));
    night.setUTCHours(1, 0, 0, 0);
    night.setUTCDate(night.getUTCDate() + 1);
    const exchange = services.workOrders.create(admin, { type: 'meter-exchange' });

    // Act and assess: each refused, naming its field.
    await expect(exchange).rejects.toMatchObject({ fields: [{ name: 'supplyPointId' }] });
    const atNight = services.booking.book(admin, job.id, {
      technicianId: slot.userId,
      start: night.toISOString(),
    });
    await expect(atNight).rejects.toBeInstanceOf(ValidationError);
    await expect(atNight).rejects.toMatchObject({ fields: [{ name: 'start' }] });
    await expect(
      services.booking.book(admin, job.id, {
        technicianId: slot.userId,
        start: new Date(Date.parse(slot.start) + 5 * 60_000).toISOString(),
      }),
    ).rejects.toMatchObject({ fields: [{ name: 'start' }] });
    await expect(
      services.booking.book(technician(1), job.id, { technicianId: slot.userId, start: slot.start }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('finds slots only for technicians with the skills, and none in an absence', async () => {
    // Prepare: a connection needs the electrical skill, which both have; the first is away for a week.
    const { admin, services, tenantId } = await fieldWorld();
    const job = (await services.workOrders.create(admin, { type: 'connection', notify: 'none' })).value;
    const tech1 = `${tenantId}-tech1`;
    const profile = await services.technicians.get(admin, tech1);
    const now = Date.now();
    await services.technicians.put(admin, tech1, profile.version, {
      ...profile,
      absences: [
        {
          from: new Date(now).toISOString(),
          to: new Date(now + 7 * 86_400_000).toISOString(),
          reason: 'leave',
        },
      ],
    });

    // Act
    const slots = await services.booking.freeSlots(admin, job.id, { limit: 20 });

    // Assess: the first technician's slots start after the absence only.
    expect(slots.length).toBe(20);
    expect(
      slots.filter((s) => s.userId === tech1).every((s) => Date.parse(s.start) >= now + 7 * 86_400_000),
    ).toBe(true);
  });
});
