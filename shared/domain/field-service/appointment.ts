import type { Stamps } from '#domain/stamps';

/**
 * One visit of a work order: booked for a technician, started on site,
 * then completed or not; or cancelled (a reschedule cancels it and books
 * another, so a work order keeps every visit it had).
 */
export const appointmentStatuses = [
  'booked',
  'started',
  'completed',
  'cannot-complete',
  'cancelled',
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** An appointment that still holds its technician's time. */
export const holdsTime = (status: AppointmentStatus) => status === 'booked' || status === 'started';

export const completionOutcomes = ['completed', 'cannot-complete'] as const;
export type CompletionOutcome = (typeof completionOutcomes)[number];

/** One register of an exchanged meter: the old meter's last value and the new meter's first. */
export interface RegisterExchange {
  readonly register: string;
  readonly finalValue: number;
  readonly firstValue: number;
}

export interface MeterExchange {
  /** The day of the exchange (the supply point's readings are dated). */
  readonly date: string;
  readonly oldMeterNumber: string;
  readonly newMeterNumber: string;
  readonly registers: readonly RegisterExchange[];
  /** The readings recorded: each register's final then first. */
  readonly readingIds: readonly string[];
}

/** What a technician reports at the end of a visit. */
export interface Completion {
  readonly outcome: CompletionOutcome;
  /** A short code, e.g. `done`, `no-access`, `customer-absent`, `part-missing`. */
  readonly code: string;
  readonly notes: string;
  /** Attachments of the work order: photos taken on site and the customer's signature. */
  readonly photoIds: readonly string[];
  readonly signatureId?: string;
  /** When the work ended on site (the phone may send it later). */
  readonly completedAt: string;
  readonly meterExchange?: MeterExchange;
}

export interface Appointment extends Stamps {
  readonly workOrderId: string;
  readonly technicianId: string;
  /** The technician's time, ISO instants, end exclusive. */
  readonly start: string;
  readonly end: string;
  /** What the customer is told. */
  readonly arrival: { readonly from: string; readonly to: string };
  readonly status: AppointmentStatus;
  readonly startedAt?: string;
  readonly completion?: Completion;
  readonly cancelledAt?: string;
  readonly cancelReason?: string;
  /** The appointment that replaced this one when it was rescheduled. */
  readonly rescheduledTo?: string;
}
