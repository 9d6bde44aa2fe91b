import { createHmac } from 'node:crypto';
import { demoChannels } from '../lib/local/seed-service';
import { type CallWorld, type RouteCall, replacementOf } from './route-call';

/** A Messenger message to the demo page, as Meta delivers it. */
const messengerDelivery = () => {
  const now = Date.now();
  const { pageId } = demoChannels.norrsken;
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: pageId,
        time: now,
        messaging: [
          {
            sender: { id: 'PSID-kostnad' },
            recipient: { id: pageId },
            timestamp: now,
            message: { mid: 'm-kostnad-1', text: 'Hej, min faktura är fel' },
          },
        ],
      },
    ],
  });
};

/** The first free slot of the work order with the technician whose token the runtime has. */
async function freeSlot(w: CallWorld): Promise<{ technicianId: string; start: string }> {
  const slots = (await w.api('GET', '/v1/work-orders/{workOrderId}/free-slots?limit=50')).body.items as {
    technicianId: string;
    start: string;
  }[];
  const slot = slots.find((s) => s.technicianId === 'norrsken-technician');
  if (!slot) throw new Error('the demo technician has no free slot for the work order');
  return slot;
}

/** A customer's mail with a PDF attached, to the tenant's mailbox: a case with a file. */
const mailWithFile = (subject: string) => {
  const boundary = 'kostnad-boundary';
  return [
    'From: Karin Lindqvist <karin@solrosen.example>',
    'To: kundservice@norrsken.example',
    `Subject: ${subject}`,
    'Message-ID: <kostnad-1@solrosen.example>',
    'Date: Fri, 04 Dec 2026 09:15:00 +0100',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Se bifogad mätarbild.',
    `--${boundary}`,
    'Content-Type: application/pdf; name="matare.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="matare.pdf"',
    '',
    Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n').toString(
      'base64',
    ),
    `--${boundary}--`,
    '',
  ].join('\r\n');
};

export const serviceCalls: RouteCall[] = [
  {
    route: 'GET /v1/service/settings',
    keep: (a, ids) => {
      ids.teamId = a.body.teams?.[0]?.groupId;
      ids.supportLevelId = a.body.defaultSupportLevelId;
      ids.calendarId = a.body.calendars?.[0]?.id;
    },
  },
  {
    route: 'PUT /v1/service/settings',
    prepare: replacementOf('/v1/service/settings', 'serviceSettings'),
    body: (ids) => JSON.parse(ids.serviceSettings as string),
    ifMatch: '/v1/service/settings',
  },
  {
    route: 'POST /v1/cases',
    body: (ids) => ({
      subject: 'Fel på fakturan',
      description: 'Beloppet stämmer inte.',
      accountId: ids.accountId,
      contactId: ids.contactId,
      supplyPointId: ids.supplyPointId,
    }),
    keep: (a, ids) => {
      ids.caseId = a.body.id;
    },
  },
  { route: 'GET /v1/cases' },
  { route: 'GET /v1/cases/{caseId}' },
  { route: 'PATCH /v1/cases/{caseId}', body: () => ({ priority: 'high' }), ifMatch: '/v1/cases/{caseId}' },
  {
    route: 'POST /v1/cases/{caseId}/assign',
    body: (ids) => ({ teamId: ids.teamId, ownerId: 'norrsken-admin' }),
    ifMatch: '/v1/cases/{caseId}',
  },
  {
    route: 'POST /v1/cases/{caseId}/status',
    body: () => ({ status: 'open' }),
    ifMatch: '/v1/cases/{caseId}',
  },
  { route: 'POST /v1/cases/{caseId}/notes', body: () => ({ text: 'Kollar med fakturering.' }) },
  { route: 'POST /v1/cases/{caseId}/replies', body: () => ({ text: 'Vi återkommer i dag.' }) },
  { route: 'GET /v1/cases/{caseId}/messages' },
  { route: 'GET /v1/cases/{caseId}/history' },
  {
    route: 'GET /v1/cases/{caseId}/files/{attachmentId}',
    prepare: async (w) => {
      const subject = 'Mätarbild';
      await fetch(w.runtime.inboundMailUrl, { method: 'POST', body: mailWithFile(subject) });
      await w.settled();
      const cases = (await w.api('GET', '/v1/cases?limit=100')).body.items as {
        id: string;
        subject: string;
      }[];
      w.ids.mailCaseId = cases.find((c) => c.subject === subject)?.id as string;
      const thread = await w.api('GET', `/v1/cases/${w.ids.mailCaseId}/messages`);
      w.ids.fileId = thread.body.items[0]?.attachments?.[0]?.attachmentId;
    },
    params: (ids) => ({ caseId: ids.mailCaseId as string, attachmentId: ids.fileId as string }),
  },
  { route: 'GET /v1/case-queues/mine' },
  { route: 'GET /v1/case-queues/teams/{teamId}' },
  { route: 'GET /v1/case-queues/breaching' },
  { route: 'GET /v1/accounts/{accountId}/entitlements' },
  {
    route: 'POST /v1/accounts/{accountId}/entitlements',
    body: (ids) => ({ supportLevelId: ids.supportLevelId, validFrom: '2026-12-01' }),
    keep: (a, ids) => {
      ids.entitlementId = a.body.id;
    },
  },
  { route: 'DELETE /v1/accounts/{accountId}/entitlements/{entitlementId}' },
  { route: 'GET /v1/service/rejected-mail' },
  {
    route: 'POST /v1/public/forms/{formKey}/cases',
    as: 'public',
    prepare: async (w) => {
      w.ids.formKey = demoChannels.norrsken.formKey;
    },
    body: () => ({
      name: 'Vera Webb',
      email: 'vera@webb.example',
      subject: 'Flytt',
      message: 'Jag flyttar i mars.',
    }),
  },
  {
    route: 'GET /v1/webhooks/social/meta',
    as: 'public',
    query: (ids) => ({
      'hub.mode': 'subscribe',
      'hub.verify_token': ids.verifyToken as string,
      'hub.challenge': 'kostnad',
    }),
    prepare: async (w) => {
      w.ids.verifyToken = w.runtime.social.verifyToken;
    },
  },
  {
    route: 'POST /v1/webhooks/social/meta',
    as: 'public',
    prepare: async (w) => {
      w.ids.socialDelivery = messengerDelivery();
      w.ids.socialSignature = `sha256=${createHmac('sha256', w.runtime.social.appSecret).update(w.ids.socialDelivery).digest('hex')}`;
    },
    headers: (ids) => ({ 'x-hub-signature-256': ids.socialSignature as string }),
    body: (ids) => ({ raw: ids.socialDelivery }),
  },
];

export const fieldServiceCalls: RouteCall[] = [
  {
    route: 'POST /v1/work-orders',
    body: (ids) => ({ type: 'inspection', caseId: ids.caseId, supplyPointId: ids.supplyPointId }),
    keep: (a, ids) => {
      ids.workOrderId = a.body.id;
    },
  },
  { route: 'GET /v1/work-orders' },
  { route: 'GET /v1/work-orders/{workOrderId}' },
  {
    route: 'PATCH /v1/work-orders/{workOrderId}',
    body: () => ({ title: 'Kontroll av mätare' }),
    ifMatch: '/v1/work-orders/{workOrderId}',
  },
  { route: 'GET /v1/work-orders/{workOrderId}/history' },
  { route: 'GET /v1/cases/{caseId}/work-orders' },
  { route: 'GET /v1/work-orders/{workOrderId}/free-slots', query: () => ({ limit: '5' }) },
  {
    route: 'POST /v1/work-orders/{workOrderId}/appointments',
    prepare: async (w) => {
      w.ids.slot = JSON.stringify(await freeSlot(w));
    },
    body: (ids) => {
      const { technicianId, start } = JSON.parse(ids.slot as string);
      return { technicianId, start };
    },
    keep: (a, ids) => {
      ids.appointmentId = a.body.appointment.id;
    },
  },
  {
    route: 'POST /v1/work-orders/{workOrderId}/appointments/{appointmentId}/reschedule',
    prepare: async (w) => {
      w.ids.slot = JSON.stringify(await freeSlot(w));
    },
    body: (ids) => {
      const { technicianId, start } = JSON.parse(ids.slot as string);
      return { technicianId, start };
    },
    keep: (a, ids) => {
      ids.appointmentId = a.body.appointment?.id ?? ids.appointmentId;
    },
  },
  {
    route: 'POST /v1/work-orders/{workOrderId}/appointments/{appointmentId}/cancel',
    body: () => ({ reason: 'Kunden bortrest' }),
  },
  {
    route: 'GET /v1/me/appointments',
    as: 'technician',
    // Booked again for the visit itself, on the technician's day.
    prepare: async (w) => {
      const slot = await freeSlot(w);
      const booked = await w.api('POST', '/v1/work-orders/{workOrderId}/appointments', {
        technicianId: slot.technicianId,
        start: slot.start,
      });
      w.ids.appointmentId = booked.body.appointment.id;
      w.ids.visitDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
        new Date(slot.start),
      );
    },
    query: (ids) => ({ date: ids.visitDay as string }),
  },
  {
    route: 'POST /v1/work-orders/{workOrderId}/appointments/{appointmentId}/start',
    as: 'technician',
    body: () => ({}),
  },
  {
    route: 'POST /v1/work-orders/{workOrderId}/appointments/{appointmentId}/complete',
    as: 'technician',
    body: () => ({ outcome: 'completed', code: 'done', notes: 'Mätaren kontrollerad.' }),
  },
  {
    route: 'POST /v1/work-orders/{workOrderId}/status',
    prepare: async (w) => {
      w.ids.workOrderId = (
        await w.api('POST', '/v1/work-orders', { type: 'inspection', caseId: w.ids.caseId })
      ).body.id;
    },
    body: () => ({ status: 'cancelled', reason: 'Behövs inte' }),
    ifMatch: '/v1/work-orders/{workOrderId}',
  },
  { route: 'GET /v1/technicians' },
  {
    route: 'GET /v1/technicians/{userId}',
    prepare: async (w) => {
      w.ids.userId = 'norrsken-technician';
    },
  },
  {
    route: 'PUT /v1/technicians/{userId}',
    // A new user with the technician role: set up as one by this call.
    prepare: async (w) => {
      const user = { email: 'tekniker@norrsken.example', name: 'Ny Tekniker', roles: ['technician'] };
      w.ids.userId = (await w.api('POST', '/v1/users', user)).body.id;
    },
    body: (ids) => ({ calendarId: ids.calendarId, skills: ['metering'] }),
  },
];
