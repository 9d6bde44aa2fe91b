import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { User } from './user';

const users = eventsOf(eventSources.users);

/** The subject of user events: the user, whose partition holds its history. */
export const userSubjectType = 'user' as const;

const withUser = z.object({ user: entity<User>('User') });

/** The users of a tenant. */
export const userEvents = {
  UserCreated: users({ when: 'a user is created', subjects: [userSubjectType], data: withUser }),
  UserUpdated: users({
    when: 'fields of a user change, but not the roles',
    subjects: [userSubjectType],
    data: withUser,
  }),
  UserRolesChanged: users({ when: 'a user’s roles change', subjects: [userSubjectType], data: withUser }),
  UserDeactivated: users({
    when: 'a user is deactivated: no sign-in, no new work',
    subjects: [userSubjectType],
    data: withUser,
  }),
  UserReactivated: users({ when: 'a user is reactivated', subjects: [userSubjectType], data: withUser }),
};

export const newUserEvent = eventFactory(userEvents);
