import { idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import type { UsersServices } from '#domain/users/users-services';
import { type BoundRoute, bind } from '#http/route';
import { userRoutes as r } from './users-routes';

const withVersion = <T extends { version: number }>(value: T) => ({ body: value, version: value.version });

/** Maps each users route onto the user service. */
export function usersApi(s: UsersServices): BoundRoute[] {
  return [
    bind(r.createUser, async ({ caller, body, idempotency }) => {
      const { value, replayed } = await s.users.create(
        caller,
        body,
        idempotencyToken('createUser', idempotency),
      );
      return { ...withVersion(value), headers: replayHeaders(replayed) };
    }),
    bind(r.listUsers, async ({ caller, query: { limit, cursor, q } }) => ({
      body: await s.users.list(caller, { emailPrefix: q }, { limit, cursor }),
    })),
    bind(r.getMe, async ({ caller }) => withVersion(await s.users.me(caller))),
    bind(r.getUser, async ({ caller, params }) => withVersion(await s.users.get(caller, params.userId))),
    bind(r.updateUser, async ({ caller, params, body, ifMatch }) =>
      withVersion(await s.users.update(caller, params.userId, ifMatch as number, body)),
    ),
    bind(r.deactivateUser, async ({ caller, params, ifMatch }) =>
      withVersion(await s.users.deactivate(caller, params.userId, ifMatch)),
    ),
    bind(r.reactivateUser, async ({ caller, params, ifMatch }) =>
      withVersion(await s.users.reactivate(caller, params.userId, ifMatch)),
    ),
  ];
}
