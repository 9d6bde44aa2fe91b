import * as z from 'zod';
import {
  auditFields,
  idSchema,
  lineText,
  multilineText,
  pageOf,
  pageQuery,
} from '#api/common/common-schemas';
import { userIdSchema as userId } from '#api/users/users-schemas';
import { registerPattern } from '#domain/energy/reading-service';
import { appointmentStatuses, completionOutcomes } from '#domain/field-service/appointment';
import { noticeChannels, workOrderStatuses } from '#domain/field-service/work-order';
import { dispatcherStatuses } from '#domain/field-service/work-order-service';
import { casePriorities } from '#domain/service/service-settings';

const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and -');
const instant = z.iso.datetime({ offset: true });
const meterNumber = lineText.min(1).max(40);
const meterValue = z
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .meta({ description: 'Whole units of the register.' });

export const workOrderParams = z.object({ workOrderId: idSchema });
export const appointmentParams = z.object({ workOrderId: idSchema, appointmentId: idSchema });
export const caseWorkOrderParams = z.object({ caseId: idSchema });
export const technicianParams = z.object({ userId });

export const workOrderListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(workOrderStatuses).optional().meta({ description: 'Only work orders in this status.' }),
});

export const freeSlotQuery = z.strictObject({
  from: instant.optional().meta({ description: 'From now when not given (never earlier).' }),
  until: instant.optional().meta({ description: 'Fourteen days after `from` when not given; at most 31.' }),
  limit: z.coerce.number().int().min(1).max(50).default(10).meta({ description: 'The soonest slots, 1–50.' }),
});

export const dayQuery = z.strictObject({
  date: z.iso.date().meta({ description: 'A day of the technician’s calendar, YYYY-MM-DD.' }),
});

const arrival = z
  .object({ from: instant, to: instant })
  .meta({ id: 'ArrivalWindow', description: 'When the customer is told the technician arrives.' });

const meterExchangeSchema = z
  .object({
    date: z.iso.date(),
    oldMeterNumber: z.string(),
    newMeterNumber: z.string(),
    registers: z.array(z.object({ register: z.string(), finalValue: z.int(), firstValue: z.int() })),
    readingIds: z
      .array(z.string())
      .meta({ description: 'The readings recorded: each register’s final, then first.' }),
  })
  .meta({ id: 'MeterExchange' });

const completionSchema = z
  .object({
    outcome: z.enum(completionOutcomes),
    code: z.string(),
    notes: z.string(),
    photoIds: z.array(z.string()),
    signatureId: z.string().optional(),
    completedAt: instant,
    meterExchange: meterExchangeSchema.optional(),
  })
  .meta({ id: 'Completion', description: 'What the technician reported at the end of a visit.' });

export const workOrderSchema = z
  .object({
    ...auditFields,
    type: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(workOrderStatuses),
    statusChangedAt: instant,
    priority: z.enum(casePriorities),
    caseId: z.string().optional(),
    accountId: z.string().optional(),
    contactId: z.string().optional(),
    supplyPointId: z.string().optional(),
    territory: z.string().optional().meta({ description: 'The supply point’s distribution territory.' }),
    durationMinutes: z.int(),
    requiredSkills: z.array(z.string()),
    meterExchange: z.boolean(),
    dueAt: instant.optional(),
    notify: z.enum(noticeChannels),
    appointmentId: z.string().optional().meta({ description: 'The visit booked, under way or last made.' }),
    technicianId: z.string().optional(),
    appointmentCount: z.int(),
    completion: completionSchema.optional(),
  })
  .meta({ id: 'WorkOrder', description: 'A job at a customer’s place (R-CS-5).' });

export const appointmentSchema = z
  .object({
    ...auditFields,
    workOrderId: z.string(),
    technicianId: z.string(),
    start: instant,
    end: instant,
    arrival,
    status: z.enum(appointmentStatuses),
    startedAt: instant.optional(),
    completion: completionSchema.optional(),
    cancelledAt: instant.optional(),
    cancelReason: z.string().optional(),
    rescheduledTo: z.string().optional(),
  })
  .meta({ id: 'Appointment', description: 'One visit of a work order.' });

export const workOrderViewSchema = workOrderSchema
  .extend({ appointments: z.array(appointmentSchema) })
  .meta({ id: 'WorkOrderView', description: 'A work order with its visits, oldest first.' });

export const workOrderPage = pageOf(workOrderSchema, 'WorkOrderPage');

export const visitSchema = z
  .object({ workOrder: workOrderSchema, appointment: appointmentSchema })
  .meta({ id: 'Visit', description: 'A work order and the visit just changed.' });

export const freeSlotsSchema = z
  .object({
    items: z.array(
      z.object({ technicianId: z.string(), start: instant, end: instant, arrival }).meta({ id: 'FreeSlot' }),
    ),
  })
  .meta({ id: 'FreeSlots', description: 'The soonest starts, then by technician.' });

export const routeStopSchema = z
  .object({
    appointmentId: z.string(),
    workOrderId: z.string(),
    status: z.enum(appointmentStatuses),
    start: instant,
    end: instant,
    arrival,
    work: z.object({ type: z.string(), title: z.string(), description: z.string(), priority: z.string() }),
    customer: z
      .object({ name: z.string(), contact: z.string().optional(), phone: z.string().optional() })
      .optional(),
    address: z
      .object({ label: z.string(), latitude: z.string().optional(), longitude: z.string().optional() })
      .optional()
      .meta({ description: 'Coordinates (WGS 84, decimal strings) once the address is verified.' }),
    meter: z
      .object({
        supplyPointId: z.string(),
        identifier: z.string(),
        commodity: z.string(),
        number: z.string().optional(),
        tariff: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'RouteStop', description: 'One visit of a technician’s day, as small as a phone needs it.' });

export const routeSchema = z.object({ items: z.array(routeStopSchema) }).meta({ id: 'Route' });

export const createWorkOrderBody = z
  .strictObject({
    type: code.meta({ description: 'A work order type of the service settings.' }),
    title: lineText.min(1).max(200).optional().meta({ description: 'The type’s title when not given.' }),
    description: multilineText
      .max(10_000)
      .optional()
      .meta({ description: 'The case’s subject when not given.' }),
    priority: z.enum(casePriorities).optional().meta({ description: 'The case’s, else `normal`.' }),
    caseId: idSchema.optional().meta({
      description: 'The case it comes from: its customer, supply point and resolution target carry over.',
    }),
    accountId: idSchema.optional(),
    contactId: idSchema.optional(),
    supplyPointId: idSchema.optional().meta({ description: 'Required for a meter exchange.' }),
    dueAt: instant.optional().meta({ description: 'The case’s resolution due time when not given.' }),
    notify: z.enum(noticeChannels).optional().meta({
      description: 'How the customer hears of appointments: e-mail if the contact has one, else SMS.',
    }),
  })
  .meta({ id: 'CreateWorkOrder' });

export const updateWorkOrderBody = z
  .strictObject({
    title: lineText.min(1).max(200).optional(),
    description: multilineText.max(10_000).optional(),
    priority: z.enum(casePriorities).optional(),
    dueAt: instant.nullable().optional(),
    notify: z.enum(noticeChannels).optional(),
  })
  .meta({ id: 'UpdateWorkOrder' });

export const workOrderStatusBody = z
  .strictObject({
    status: z.enum(dispatcherStatuses).meta({
      description: 'On hold, back to new or cancelled also cancels the booked visit and frees its time.',
    }),
    reason: lineText.max(200).optional(),
  })
  .meta({ id: 'WorkOrderStatusChange' });

export const bookingBody = z
  .strictObject({ technicianId: userId, start: instant.meta({ description: 'A free slot’s start.' }) })
  .meta({ id: 'Booking' });

export const cancelBody = z
  .strictObject({ reason: lineText.min(1).max(200) })
  .meta({ id: 'CancelAppointment' });

export const completionBody = z
  .strictObject({
    outcome: z.enum(completionOutcomes),
    code: code.meta({ description: 'e.g. `done`, `no-access`, `customer-absent`, `part-missing`.' }),
    notes: multilineText.max(4_000).default(''),
    photoIds: z.array(idSchema).max(20).default([]).meta({ description: 'Stored files of the work order.' }),
    signatureId: idSchema
      .optional()
      .meta({ description: 'The customer’s signature image, a stored file of the work order.' }),
    completedAt: instant.optional().meta({ description: 'When the work ended on site; now when not given.' }),
    meterExchange: z
      .strictObject({
        oldMeterNumber: meterNumber.meta({ description: 'The number on the meter taken out.' }),
        newMeterNumber: meterNumber,
        registers: z
          .array(
            z.strictObject({
              register: z.string().regex(registerPattern, '1–40 letters, digits or . _ : * -'),
              finalValue: meterValue,
              firstValue: meterValue,
            }),
          )
          .min(1)
          .max(8),
      })
      .optional()
      .meta({ description: 'Required when a meter exchange is done.' }),
  })
  .meta({ id: 'CompleteVisit' });

const absence = z.strictObject({ from: instant, to: instant, reason: lineText.max(200).optional() });

export const technicianBody = z
  .strictObject({
    skills: z.array(code).max(30).default([]),
    territories: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{2,20}$/, 'a territory code: 2–20 letters, digits, - or _'))
      .max(50)
      .default([]),
    calendarId: code.meta({
      description: 'A calendar of the service settings: the weekly hours and holidays.',
    }),
    absences: z.array(absence).max(100).default([]),
  })
  .meta({ id: 'TechnicianInput' });

// Not an extension of the strict input: an answer leaves out what it does not name (the tenant id).
export const technicianSchema = z
  .object({ ...technicianBody.shape, ...auditFields, name: z.string() })
  .meta({ id: 'Technician', description: 'A user with the technician role, as field service plans them.' });

export const technicianList = z.object({ items: z.array(technicianSchema) }).meta({ id: 'TechnicianList' });
