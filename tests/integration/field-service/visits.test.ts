import { describe, expect, it } from 'vitest';
import { fieldWorld } from './field-world';

/** A world with one inspection booked for the first technician at the first free time. */
async function booked() {
  const world = await fieldWorld();
  const { admin, services } = world;
  const wo = (await services.workOrders.create(admin, { type: 'inspection', notify: 'none' })).value;
  const [slot] = await services.booking.freeSlots(admin, wo.id, { limit: 10 });
  const first = await services.booking.freeSlots(admin, wo.id, { limit: 50 });
  const tech1 = first.find((s) => s.userId.endsWith('-tech1')) ?? slot;
  if (!tech1) throw new Error('no free slot');
  const visit = (
    await services.booking.book(admin, wo.id, { technicianId: tech1.userId, start: tech1.start })
  ).value;
  return { ...world, wo, visit };
}

const report = { outcome: 'completed', code: 'done', notes: 'OK', photoIds: [] } as const;

describe('visits reported from a phone', () => {
  it('start once however often the start is sent', async () => {
    // Prepare
    const { services, technician, wo, visit } = await booked();

    // Act
    const first = await services.work.start(technician(1), wo.id, visit.appointment.id);
    const second = await services.work.start(technician(1), wo.id, visit.appointment.id);

    // Assess
    expect(first.workOrder.status).toBe('in-progress');
    expect(second.appointment.version).toBe(first.appointment.version);
    expect(second.workOrder.version).toBe(first.workOrder.version);
  });

  it('are the booked technician’s: another technician neither sees the work order nor reports on it', async () => {
    // Prepare
    const { services, technician, wo, visit } = await booked();

    // Act and assess
    await expect(services.workOrders.view(technician(2), wo.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(services.work.start(technician(2), wo.id, visit.appointment.id)).rejects.toMatchObject({
      code: 'not-found',
    });
    expect((await services.workOrders.view(technician(1), wo.id)).appointments).toHaveLength(1);
    await expect(services.workOrders.list(technician(1), {}, { limit: 10 })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('take a result once: without a key a second report is a conflict; with one it is the first answer', async () => {
    // Prepare
    const { admin, services, technician, wo, visit } = await booked();
    const key = { operationId: 'completeAppointment', key: 'k1', requestHash: 'h1' };

    // Act
    const done = await services.work.complete(technician(1), wo.id, visit.appointment.id, report, key);
    const replay = await services.work.complete(technician(1), wo.id, visit.appointment.id, report, key);
    const unkeyed = services.work.complete(technician(1), wo.id, visit.appointment.id, report);

    // Assess: completed without a start (the start is implied); the time given back.
    expect(done.value.workOrder.status).toBe('completed');
    expect(done.value.appointment.startedAt).toBeDefined();
    expect(replay).toEqual({ value: done.value, replayed: true });
    await expect(unkeyed).rejects.toMatchObject({ code: 'invalid-state' });
    const other = (await services.workOrders.create(admin, { type: 'inspection', notify: 'none' })).value;
    const slots = await services.booking.freeSlots(admin, other.id, { limit: 50 });
    expect(
      slots.some((s) => s.start === visit.appointment.start && s.userId === visit.appointment.technicianId),
    ).toBe(true);
  });

  it('refuse files that are not the work order’s, naming each', async () => {
    // Prepare
    const { services, technician, wo, visit } = await booked();

    // Act
    const refused = services.work.complete(technician(1), wo.id, visit.appointment.id, {
      ...report,
      photoIds: ['01J00000000000000000000000'],
      signatureId: '01J00000000000000000000001',
    });

    // Assess: nothing changed.
    await expect(refused).rejects.toMatchObject({
      code: 'validation',
      fields: [{ name: 'photoIds.0' }, { name: 'signatureId' }],
    });
    expect((await services.workOrders.view(technician(1), wo.id)).status).toBe('scheduled');
  });

  it('book a revisit after a visit that could not be completed, keeping both visits', async () => {
    // Prepare
    const { admin, services, technician, wo, visit } = await booked();
    await services.work.complete(technician(1), wo.id, visit.appointment.id, {
      ...report,
      outcome: 'cannot-complete',
      code: 'no-access',
    });
    const [slot] = await services.booking.freeSlots(admin, wo.id, { limit: 1 });
    if (!slot) throw new Error('no free slot');

    // Act
    const revisit = await services.booking.book(admin, wo.id, {
      technicianId: slot.userId,
      start: slot.start,
    });
    const view = await services.workOrders.view(admin, wo.id);

    // Assess
    expect(revisit.value.workOrder).toMatchObject({ status: 'scheduled', appointmentCount: 2 });
    expect(view.appointments.map((a) => a.status)).toEqual(['cannot-complete', 'booked']);
    expect(view.completion).toMatchObject({ outcome: 'cannot-complete', code: 'no-access' });
  });

  it('free the booked time when a dispatcher puts the work order on hold or cancels it', async () => {
    // Prepare
    const { admin, services, wo, visit } = await booked();

    // Act
    const held = await services.workOrders.setStatus(
      admin,
      wo.id,
      visit.workOrder.version,
      'on-hold',
      'part missing',
    );
    const cancelled = await services.workOrders.setStatus(admin, wo.id, held.version, 'cancelled');
    const view = await services.workOrders.view(admin, wo.id);
    const other = (await services.workOrders.create(admin, { type: 'inspection', notify: 'none' })).value;
    const again = await services.booking.book(admin, other.id, {
      technicianId: visit.appointment.technicianId,
      start: visit.appointment.start,
    });

    // Assess
    expect([held.status, cancelled.status]).toEqual(['on-hold', 'cancelled']);
    expect(held.appointmentId).toBeUndefined();
    expect(view.appointments[0]).toMatchObject({ status: 'cancelled', cancelReason: 'part missing' });
    expect(again.value.appointment.status).toBe('booked');
  });

  it('free a started visit when the work order is put on hold, and book it again from new', async () => {
    // Prepare: the technician is on site; a part is missing.
    const { admin, services, technician, wo, visit } = await booked();
    const started = await services.work.start(technician(1), wo.id, visit.appointment.id);

    // Act
    const held = await services.workOrders.setStatus(
      admin,
      wo.id,
      started.workOrder.version,
      'on-hold',
      'part missing',
    );
    const reopened = await services.workOrders.setStatus(admin, wo.id, held.version, 'new');
    const [slot] = await services.booking.freeSlots(admin, wo.id, { limit: 1 });
    if (!slot) throw new Error('no free slot');
    const again = await services.booking.book(admin, wo.id, { technicianId: slot.userId, start: slot.start });
    const late = await services.work.start(technician(1), wo.id, visit.appointment.id).catch((e) => e);

    // Assess: the first visit cancelled, its time free, a second one booked; starting the old one says so.
    expect(reopened.status).toBe('new');
    expect(again.value.workOrder).toMatchObject({ status: 'scheduled', appointmentCount: 2 });
    expect((await services.workOrders.view(admin, wo.id)).appointments.map((a) => a.status)).toEqual([
      'cancelled',
      'booked',
    ]);
    expect(late).toMatchObject({ code: 'invalid-state' });
  });

  it('answer a start sent after the visit was reported with the visit as it is', async () => {
    // Prepare
    const { services, technician, wo, visit } = await booked();
    const done = await services.work.complete(technician(1), wo.id, visit.appointment.id, report);

    // Act
    const late = await services.work.start(technician(1), wo.id, visit.appointment.id);

    // Assess
    expect(late.appointment).toEqual(done.value.appointment);
    expect(late.workOrder.status).toBe('completed');
  });

  it('book again a work order set back to new after a visit that could not be completed', async () => {
    // Prepare
    const { admin, services, technician, wo, visit } = await booked();
    const failed = await services.work.complete(technician(1), wo.id, visit.appointment.id, {
      ...report,
      outcome: 'cannot-complete',
      code: 'customer-absent',
    });
    const reopened = await services.workOrders.setStatus(admin, wo.id, failed.value.workOrder.version, 'new');
    const [slot] = await services.booking.freeSlots(admin, wo.id, { limit: 1 });
    if (!slot) throw new Error('no free slot');

    // Act
    const again = await services.booking.book(admin, wo.id, { technicianId: slot.userId, start: slot.start });

    // Assess: back to new, it named no technician until booked again.
    expect(reopened.status).toBe('new');
    expect(reopened.technicianId).toBeUndefined();
    expect(again.value.workOrder.status).toBe('scheduled');
  });
});
