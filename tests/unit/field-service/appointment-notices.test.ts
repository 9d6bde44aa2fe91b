import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '#domain/errors';
import type { Appointment } from '#domain/field-service/appointment';
import { appointmentNotice } from '#domain/field-service/appointment-notice';
import { type AppointmentChange, AppointmentNotices } from '#domain/field-service/appointment-notices';
import type { WorkOrder } from '#domain/field-service/work-order';
import type { TenantProfile } from '#domain/tenant';

const stamps = {
  tenantId: 't1',
  createdAt: '2027-01-04T09:00:00.000Z',
  createdBy: 'u1',
  updatedAt: '2027-01-04T09:00:00.000Z',
  updatedBy: 'u1',
  version: 2,
};

const workOrder: WorkOrder = {
  ...stamps,
  id: 'wo1',
  type: 'meter-exchange',
  title: 'Mätarbyte',
  description: '',
  status: 'scheduled',
  statusChangedAt: stamps.createdAt,
  priority: 'normal',
  contactId: 'c1',
  durationMinutes: 60,
  requiredSkills: ['metering'],
  meterExchange: true,
  notify: 'email',
  appointmentCount: 1,
};

const appointment: Appointment = {
  ...stamps,
  id: 'a1',
  workOrderId: 'wo1',
  technicianId: 'tech1',
  // 08:15 in Stockholm (winter, UTC+1); told as 08:00–10:00.
  start: '2027-01-12T07:15:00.000Z',
  end: '2027-01-12T08:15:00.000Z',
  arrival: { from: '2027-01-12T07:00:00.000Z', to: '2027-01-12T09:00:00.000Z' },
  status: 'booked',
};

const tenant = (country: TenantProfile['country']): TenantProfile => ({
  id: 't1',
  name: 'Demo',
  country,
  currency: 'SEK',
  timeZone: country === 'SK' ? 'Europe/Bratislava' : 'Europe/Stockholm',
});

describe('an appointment notice', () => {
  it('tells the arrival window in the tenant’s zone and language', () => {
    // Act
    const swedish = appointmentNotice('booked', workOrder, appointment, tenant('SE'));
    const slovak = appointmentNotice('rescheduled', workOrder, appointment, tenant('SK'));
    const english = appointmentNotice('cancelled', workOrder, appointment, tenant('DE'));

    // Assess
    expect(swedish).toEqual({
      subject: 'Bokad tid: Mätarbyte',
      text: 'Vi kommer 2027-01-12 mellan 08:00 och 10:00.',
    });
    expect(slovak.text).toContain('2027-01-12 medzi 08:00 a 10:00');
    expect(english.subject).toBe('Appointment cancelled: Mätarbyte');
    expect(english.text).toContain('on 2027-01-12 between 08:00 and 10:00');
  });
});

/** Notices over fakes: the visit's current state, and a messaging module that records what it was asked. */
function notices(current: Appointment | undefined, fail?: Error) {
  const sent: { channel: string; contactId: string; key: string; text: string }[] = [];
  const messaging = {
    sendEmail: async (_a: unknown, contactId: string, draft: { text?: string }, key?: { key: string }) => {
      if (fail) throw fail;
      sent.push({ channel: 'email', contactId, key: key?.key ?? '', text: draft.text ?? '' });
      return { value: {} as never, replayed: false };
    },
    sendSms: async (_a: unknown, contactId: string, draft: { text: string }, key?: { key: string }) => {
      if (fail) throw fail;
      sent.push({ channel: 'sms', contactId, key: key?.key ?? '', text: draft.text });
      return { value: {} as never, replayed: false };
    },
  };
  const warnings: string[] = [];
  const service = new AppointmentNotices({
    log: { warn: (_message, details) => warnings.push(String(details.reason)) },
    tenants: { profile: async () => tenant('SE') },
    workOrders: { appointment: async () => current },
    messaging,
  });
  return { service, sent, warnings };
}

const change = (over: Partial<AppointmentChange> = {}): AppointmentChange => ({
  eventId: 'ev1',
  tenantId: 't1',
  actorId: 'u1',
  kind: 'booked',
  workOrder,
  appointment,
  ...over,
});

describe('appointment notices', () => {
  it('send by e-mail or SMS as the work order says, keyed by the event', async () => {
    // Prepare
    const { service, sent } = notices(appointment);

    // Act
    await service.send(change());
    await service.send(change({ eventId: 'ev2', workOrder: { ...workOrder, notify: 'sms' } }));

    // Assess
    expect(sent.map((s) => [s.channel, s.contactId, s.key])).toEqual([
      ['email', 'c1', 'ev1'],
      ['sms', 'c1', 'ev2'],
    ]);
    expect(sent[1]?.text).toContain('Bokad tid: Mätarbyte. Vi kommer');
  });

  it('send nothing for a booking read after the visit was cancelled', async () => {
    // Prepare
    const { service, sent } = notices({ ...appointment, status: 'cancelled' });

    // Act
    const booked = await service.send(change());
    const cancelled = await service.send(change({ kind: 'cancelled', eventId: 'ev3' }));

    // Assess: the cancellation is told; the stale booking is not.
    expect([booked, cancelled]).toEqual(['skipped', 'sent']);
    expect(sent).toHaveLength(1);
  });

  it('send nothing when the customer asked for none or no contact is known', async () => {
    // Prepare
    const { service, sent } = notices(appointment);
    const { contactId: _c, ...withoutContact } = workOrder;

    // Act
    const none = await service.send(change({ workOrder: { ...workOrder, notify: 'none' } }));
    const nobody = await service.send(change({ workOrder: withoutContact }));

    // Assess
    expect([none, nobody, sent.length]).toEqual(['skipped', 'skipped', 0]);
  });

  it('never send twice when an earlier delivery’s outcome is unknown', async () => {
    // Prepare
    const unknown = new ConflictError('send-outcome-unknown', 'an earlier request is still sending');
    const { service } = notices(appointment, unknown);

    // Act
    const result = await service.send(change());

    // Assess
    expect(result).toBe('skipped');
  });

  it('let other failures through, so the queue retries', async () => {
    // Prepare
    const { service } = notices(appointment, new Error('SES is down'));

    // Act
    const sending = service.send(change());

    // Assess
    await expect(sending).rejects.toThrow('SES is down');
  });

  it('skip a notice no retry can send: the contact gone', async () => {
    // Prepare
    const { service, warnings } = notices(appointment, new NotFoundError('contact', 'c1'));

    // Act
    const result = await service.send(change());

    // Assess: dropped and told to operators, not sent to the dead-letter queue after five tries.
    expect(result).toBe('skipped');
    expect(warnings).toEqual(['contact c1 does not exist']);
  });

  it('cut a long title so the subject stays a subject', () => {
    // Act
    const notice = appointmentNotice(
      'booked',
      { ...workOrder, title: 'x'.repeat(300) },
      appointment,
      tenant('SE'),
    );

    // Assess
    expect([...notice.subject].length).toBeLessThanOrEqual(200);
  });

  it('tell no cancellation of a visit stopped on site', async () => {
    // Prepare
    const { service, sent } = notices(undefined);

    // Act
    const result = await service.send(
      change({
        kind: 'cancelled',
        appointment: { ...appointment, status: 'cancelled', startedAt: appointment.start },
      }),
    );

    // Assess
    expect([result, sent.length]).toEqual(['skipped', 0]);
  });
});
