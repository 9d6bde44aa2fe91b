import {
  ConflictError,
  ForbiddenError,
  type InvalidField,
  NotFoundError,
  ValidationError,
  VersionMismatchError,
} from '#domain/errors';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { createdStamps, touched } from '#domain/stamps';
import { dispatches } from './field-access';
import type { FieldParties } from './field-parties';
import { newFieldServiceEvent } from './field-service-events';
import type { TechnicianStore } from './field-service-store';
import { absenceProblems, maxAbsences, type TechnicianFields, type TechnicianProfile } from './technician';

export interface TechnicianDeps extends ServiceDeps {
  readonly technicians: TechnicianStore;
  readonly parties: FieldParties;
}

/**
 * Technicians (R-CS-5): users with the technician role, given skills,
 * territories, a calendar of working hours and absences by an admin.
 * Dispatchers and the technicians themselves read them.
 */
export class TechnicianService {
  constructor(private readonly deps: TechnicianDeps) {}

  async list(actor: SalesActor): Promise<TechnicianProfile[]> {
    this.assertReader(actor);
    return this.deps.technicians.all(actor.tenantId);
  }

  async get(actor: SalesActor, userId: string): Promise<TechnicianProfile> {
    if (actor.userId !== userId) this.assertReader(actor);
    const found = await this.deps.technicians.get(actor.tenantId, userId);
    if (!found) throw new NotFoundError('technician', userId);
    return found;
  }

  /** Sets a technician's profile: created without If-Match, replaced with the version read. */
  async put(
    actor: SalesActor,
    userId: string,
    expectedVersion: number | undefined,
    fields: TechnicianFields,
  ): Promise<TechnicianProfile> {
    if (!actor.roles.includes('admin')) throw new ForbiddenError('only admins set up technicians');
    const { tenantId } = actor;
    const [user, settings, previous] = await Promise.all([
      this.deps.parties.user(tenantId, userId),
      this.deps.parties.settings(tenantId),
      this.deps.technicians.get(tenantId, userId),
    ]);
    if (!user) throw new NotFoundError('user', userId);
    if (!user.roles.includes('technician'))
      throw new ConflictError('missing-prerequisite', 'give the user the technician role first');
    if (previous && expectedVersion === undefined)
      throw new ConflictError('already-exists', 'the technician is set up: send If-Match to change them');
    if (previous && previous.version !== expectedVersion)
      throw new VersionMismatchError('technician', userId);
    if (!previous && expectedVersion !== undefined) throw new NotFoundError('technician', userId);
    const invalid: InvalidField[] = [...absenceProblems(fields.absences)];
    if (fields.absences.length > maxAbsences)
      invalid.push({ name: 'absences', reason: `at most ${maxAbsences}; drop past ones` });
    if (!settings.calendars.some((c) => c.id === fields.calendarId))
      invalid.push({
        name: 'calendarId',
        reason: `no calendar ${fields.calendarId} in the service settings`,
      });
    if (invalid.length > 0) throw new ValidationError(invalid);
    const ctx = await changeContext(this.deps, actor);
    const next: TechnicianProfile = {
      ...(previous ? touched(previous, ctx) : createdStamps(userId, ctx)),
      name: user.name,
      ...fields,
    };
    const event = newFieldServiceEvent(this.deps, ctx, 'TechnicianProfileSet', {
      subject: { type: 'user', id: userId },
      data: { technician: next },
    });
    await this.deps.technicians.put(previous, next, event);
    return next;
  }

  private assertReader(actor: SalesActor) {
    if (!dispatches(actor) && !actor.roles.includes('viewer'))
      throw new ForbiddenError('only customer service, viewers and admins see technicians');
  }
}
