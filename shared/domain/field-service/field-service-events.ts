import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Appointment } from './appointment';
import type { TechnicianProfile } from './technician';
import type { WorkOrder } from './work-order';

const field = eventsOf(eventSources.fieldService);

/** Every work order event carries the work order after the change; appointment events the appointment too. */
const workOrder = entity<WorkOrder>('WorkOrder');
const appointment = entity<Appointment>('Appointment');

/** Field service: work orders, technicians' appointments and the work done on site (R-CS-5). */
export const fieldServiceEvents = {
  WorkOrderCreated: field({
    when: 'a work order was created, from a case or on its own',
    subjects: ['workOrder'],
    data: z.object({ workOrder }),
  }),
  WorkOrderUpdated: field({
    when: 'a user changed a work order’s title, description, priority, due time or how the customer hears of it',
    subjects: ['workOrder'],
    data: z.object({ workOrder }),
  }),
  WorkOrderStatusChanged: field({
    when: 'a dispatcher moved a work order: dispatched, on hold, back to new, closed or cancelled (cancelling the visit booked)',
    subjects: ['workOrder'],
    data: z.object({
      workOrder,
      from: z.string(),
      to: z.string(),
      appointment: appointment
        .optional()
        .meta({ description: 'The visit the move cancelled, freeing its time.' }),
    }),
  }),
  AppointmentBooked: field({
    when: 'a technician’s time was booked for a work order; the customer is told the arrival window',
    subjects: ['workOrder'],
    data: z.object({ workOrder, appointment }),
  }),
  AppointmentRescheduled: field({
    when: 'an appointment moved to another time or technician: the old one cancelled, its time freed, a new one booked',
    subjects: ['workOrder'],
    data: z.object({ workOrder, appointment, previous: appointment }),
  }),
  AppointmentCancelled: field({
    when: 'an appointment was cancelled and its technician’s time freed',
    subjects: ['workOrder'],
    data: z.object({ workOrder, appointment }),
  }),
  AppointmentStarted: field({
    when: 'the technician started the work on site',
    subjects: ['workOrder'],
    data: z.object({ workOrder, appointment }),
  }),
  AppointmentCompleted: field({
    when: 'the technician finished a visit: done (with a meter exchange’s readings) or not possible',
    subjects: ['workOrder'],
    data: z.object({ workOrder, appointment, summary: z.string() }),
  }),
  TechnicianProfileSet: field({
    when: 'an admin set a technician’s skills, territories, calendar or absences',
    subjects: ['user'],
    data: z.object({
      technician: entity<TechnicianProfile>('TechnicianProfile', { apiSchema: 'Technician' }),
    }),
  }),
};

export const newFieldServiceEvent = eventFactory(fieldServiceEvents);
