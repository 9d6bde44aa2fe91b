import type { DomainEvent, FieldChange, SubjectType } from '#domain/events';
import { domainEvent, eventSources, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';

/** The bus `source` of the users module. */
export const usersEventSource = eventSources.users;

export const userEventTypes = [
  'UserCreated',
  'UserUpdated',
  'UserRolesChanged',
  'UserDeactivated',
  'UserReactivated',
] as const;
export type UserEventType = (typeof userEventTypes)[number];

/** The subject of user events: the user, whose partition holds its history. */
export const userSubjectType: SubjectType = 'user';

export function userEvent(
  deps: ServiceDeps,
  ctx: ChangeContext,
  type: UserEventType,
  userId: string,
  data: Record<string, unknown>,
  changes?: readonly FieldChange[],
): DomainEvent {
  return domainEvent(deps, ctx, usersEventSource, type, { type: userSubjectType, id: userId }, data, changes);
}
