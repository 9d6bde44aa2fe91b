import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime, tokenFor } from '../support/runtime';

/** A 1×1 PNG: what a phone's camera and signature pad send, only smaller. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface StoredMail {
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
}

type Client = ReturnType<typeof clientFor>;

describe('field service end to end: a case’s meter exchange booked, done on site and in the energy data', () => {
  let runtime: LocalRuntime;
  let agent: Client;
  let technician: Client;
  let technicianId: string;

  /** A stored file of the work order, uploaded as a phone does. */
  const upload = async (client: Client, workOrderId: string, fileName: string) => {
    const base = `/v1/work-orders/${workOrderId}/attachments`;
    const requested = await client.post(base, { fileName, contentType: 'image/png', size: png.length });
    expect(requested.status).toBe(201);
    const put = await fetch(requested.body.upload.url, {
      method: 'PUT',
      headers: requested.body.upload.headers,
      body: png,
    });
    expect(put.ok).toBe(true);
    const confirmed = await client.post(`${base}/${requested.body.attachment.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    return requested.body.attachment.id as string;
  };

  beforeAll(async () => {
    runtime = await startTestRuntime();
    agent = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'service'));
    technician = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'technician'));
    technicianId = runtime.demoTenants
      .find((t) => t.profile.id === 'norrsken')
      ?.users.find((u) => u.groups.includes('technician'))?.sub as string;
  });
  afterAll(() => runtime.stop());

  it('lists, reads and changes technicians, answering without the tenant', async () => {
    const list = await agent.get('/v1/technicians');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((t: { id: string }) => t.id === technicianId);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('tenantId');
    const read = await agent.get(`/v1/technicians/${technicianId}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('tenantId');

    const admin = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'admin'));
    const { skills, territories, calendarId, absences } = read.body;
    const changed = await admin.put(
      `/v1/technicians/${technicianId}`,
      { skills, territories: [...territories, 'north-9'], calendarId, absences },
      { 'if-match': read.headers.get('etag') as string },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.territories).toContain('north-9');
    expect(changed.body).not.toHaveProperty('tenantId');
  });

  it('takes a meter exchange from the case to the new meter’s first reading, once', async () => {
    // Prepare: the bakery calls about its meter; the agent opens a case on its supply point.
    const karin = (await agent.get('/v1/identify?email=karin@solrosen.example')).body.contacts[0];
    const points = await agent.get(`/v1/accounts/${karin.account.id}/supply-points`);
    const point = points.body.items.find(
      (p: { meter: { number?: string } }) => p.meter.number === 'M-7731904',
    );
    // The caller is the bakery's caretaker, with an address of this test's own (the local SES is shared).
    const caretaker = await agent.post('/v1/contacts', {
      firstName: 'Olle',
      lastName: 'Vaktmästare',
      email: `olle-${Date.now()}@solrosen.example`,
      phones: ['+46701112233'],
      accountId: karin.account.id,
    });
    const opened = await agent.post('/v1/cases', {
      subject: 'Mätaren visar fel',
      description: 'Displayen är trasig.',
      type: 'meter-reading',
      contactId: caretaker.body.id,
      supplyPointId: point.id,
    });
    const readingsBefore = await agent.get(`/v1/supply-points/${point.id}/readings?limit=100`);

    // Act: a work order from the case, its free slots, a booking.
    const created = await agent.post('/v1/work-orders', { type: 'meter-exchange', caseId: opened.body.id });
    const workOrderId = created.body.id;
    const slots = await agent.get(`/v1/work-orders/${workOrderId}/free-slots?limit=5`);
    const [slot] = slots.body.items;
    const booked = await agent.post(`/v1/work-orders/${workOrderId}/appointments`, {
      technicianId: slot.technicianId,
      start: slot.start,
    });
    const appointmentId = booked.body.appointment.id;

    // Assess: the case's customer, supply point and resolution target carried over; only the metering technician fits.
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'new',
      caseId: opened.body.id,
      accountId: karin.account.id,
      contactId: caretaker.body.id,
      supplyPointId: point.id,
      territory: 'ELLEVIO-STHLM',
      meterExchange: true,
      requiredSkills: ['metering'],
      durationMinutes: 60,
      notify: 'email',
      dueAt: opened.body.sla.resolution.dueAt,
    });
    expect(slots.status).toBe(200);
    expect(new Set(slots.body.items.map((s: { technicianId: string }) => s.technicianId))).toEqual(
      new Set([technicianId]),
    );
    expect(booked.status).toBe(201);
    expect(booked.body.workOrder).toMatchObject({ status: 'scheduled', appointmentId, technicianId });
    expect(booked.body.appointment).toMatchObject({ status: 'booked', start: slot.start, end: slot.end });

    // Act: another job for the same technician at the same time.
    const other = await agent.post('/v1/work-orders', {
      type: 'inspection',
      supplyPointId: point.id,
      contactId: caretaker.body.id,
    });
    const double = await agent.post(`/v1/work-orders/${other.body.id}/appointments`, {
      technicianId,
      start: slot.start,
    });

    // Assess: refused, naming the taken time.
    expect([double.status, double.body.type]).toEqual([409, 'urn:gridline:problem:slot-taken']);

    // Act: the other job booked elsewhere, then cancelled by the dispatcher; and one for another customer's supply point.
    const [otherSlot] = (await agent.get(`/v1/work-orders/${other.body.id}/free-slots?limit=1`)).body.items;
    const otherBooked = await agent.post(`/v1/work-orders/${other.body.id}/appointments`, {
      technicianId: otherSlot.technicianId,
      start: otherSlot.start,
    });
    // The booking's notice goes out before the cancellation: one read after it is not told (by design).
    await runtime.settled();
    const withdrawn = await agent.post(
      `/v1/work-orders/${other.body.id}/status`,
      { status: 'cancelled', reason: 'Kunden ringde' },
      { 'if-match': `"${otherBooked.body.workOrder.version}"` },
    );
    const accounts = (await agent.get('/v1/accounts?limit=50')).body.items as { id: string }[];
    const pointsOfOthers = await Promise.all(
      accounts
        .filter((a) => a.id !== karin.account.id)
        .map(async (a) => (await agent.get(`/v1/accounts/${a.id}/supply-points`)).body.items),
    );
    const foreignPoint = pointsOfOthers.flat()[0];
    const mixed = await agent.post('/v1/work-orders', {
      type: 'inspection',
      caseId: opened.body.id,
      supplyPointId: foreignPoint.id,
    });

    // Assess: the visit cancelled with the work order; a work order cannot mix customers.
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('cancelled');
    expect(mixed.status).toBe(400);
    expect(mixed.body['invalid-params']).toEqual([
      { name: 'supplyPointId', reason: 'the supply point is another customer’s' },
    ]);

    // Act: the technician's day, then on site.
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
      new Date(slot.start),
    );
    const route = await technician.get(`/v1/me/appointments?date=${day}`);
    const started = await technician.post(
      `/v1/work-orders/${workOrderId}/appointments/${appointmentId}/start`,
      {},
    );

    // Assess: the visit with what the phone needs, in a small answer.
    expect(route.status).toBe(200);
    expect(route.body.items).toHaveLength(1);
    expect(route.body.items[0]).toMatchObject({
      appointmentId,
      workOrderId,
      arrival: slot.arrival,
      work: { type: 'meter-exchange' },
      customer: { name: karin.account.name, phone: expect.any(String) },
      meter: { supplyPointId: point.id, number: 'M-7731904', identifier: point.identifier },
    });
    expect(route.body.items[0].address.label).toContain(point.address.city);
    expect(JSON.stringify(route.body).length).toBeLessThan(1500);
    expect(started.status).toBe(200);
    expect(started.body.workOrder.status).toBe('in-progress');

    // Act: a photo and the customer's signature, then the result, sent twice as a phone on a bad network does.
    const photoId = await upload(technician, workOrderId, 'new-meter.png');
    const signatureId = await upload(technician, workOrderId, 'signature.png');
    const report = {
      outcome: 'completed',
      code: 'done',
      notes: 'Mätaren bytt, plomberad.',
      photoIds: [photoId],
      signatureId,
      meterExchange: {
        oldMeterNumber: 'M-7731904',
        newMeterNumber: 'M-9100200',
        registers: [{ register: '1.8.0', finalValue: 48_211, firstValue: 3 }],
      },
    };
    const completePath = `/v1/work-orders/${workOrderId}/appointments/${appointmentId}/complete`;
    const completed = await technician.post(completePath, report, { 'idempotency-key': 'visit-1-done' });
    const again = await technician.post(completePath, report, { 'idempotency-key': 'visit-1-done' });
    await runtime.settled();

    // Assess: the supply point has the new meter and the two readings, once; the case shows the work done.
    const pointAfter = await agent.get(`/v1/supply-points/${point.id}`);
    const readingsAfter = await agent.get(`/v1/supply-points/${point.id}/readings?limit=100`);
    const caseWork = await agent.get(`/v1/cases/${opened.body.id}/work-orders`);
    const caseHistory = await agent.get(`/v1/cases/${opened.body.id}/history`);
    const newReadings = readingsAfter.body.items.filter(
      (r: { id: string }) => !readingsBefore.body.items.some((b: { id: string }) => b.id === r.id),
    );
    expect(completed.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(completed.body);
    expect(completed.body.workOrder).toMatchObject({ status: 'completed' });
    expect(completed.body.appointment.completion).toMatchObject({
      outcome: 'completed',
      photoIds: [photoId],
      signatureId,
      meterExchange: { oldMeterNumber: 'M-7731904', newMeterNumber: 'M-9100200' },
    });
    expect(pointAfter.body.meter.number).toBe('M-9100200');
    expect(
      newReadings.map((r: { meterNumber: string; value: number }) => [r.meterNumber, r.value]).sort(),
    ).toEqual([
      ['M-7731904', 48_211],
      ['M-9100200', 3],
    ]);
    expect(caseWork.body.items).toEqual([
      expect.objectContaining({ id: workOrderId, status: 'completed', completion: expect.any(Object) }),
    ]);
    const workDone = caseHistory.body.items.find((e: { type: string }) => e.type === 'AppointmentCompleted');
    expect(workDone.summary).toContain('M-7731904 → M-9100200');

    // Assess: the customer was told of each booking and of the cancellation by e-mail, once each.
    const mails = ((await (await fetch(`${runtime.mailboxUrl}/store`)).json()) as { emails: StoredMail[] })
      .emails;
    const toCaretaker = mails.filter((m) => m.destination.to.includes(caretaker.body.email));
    expect(toCaretaker.map((m) => m.subject.split(':')[0]).sort()).toEqual([
      'Avbokad',
      'Bokad tid',
      'Bokad tid',
    ]);
  });
});
