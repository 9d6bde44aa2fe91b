import type { BookingService } from './booking-service';
import type { FieldWork } from './field-work';
import type { TechnicianService } from './technician-service';
import type { WorkOrderService } from './work-order-service';

/** What the field-service module offers: work orders, booking technicians' time, and the work on site. */
export interface FieldServiceServices {
  readonly workOrders: WorkOrderService;
  readonly booking: BookingService;
  readonly work: FieldWork;
  readonly technicians: TechnicianService;
}
