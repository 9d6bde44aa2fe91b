import { ConflictError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { emailTaken, isActiveAdmin, lastAdminRule, type User } from '#domain/users/user';
import type { UserFilter, UserStore } from '#domain/users/user-store';
import { HttpError } from '#http/http-error';
import { type Change, commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { uniqueEntity } from '#table/core/entities';
import { getItem } from '#table/core/get-item';
import { guardChange } from '#table/core/guards';
import { replayOf } from '#table/core/idempotency';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { activeAdminsEntity, userEntity } from './entities';
import { containerActiveUsers } from './kept-user-lookup';
import { tokenCutoffPut } from './token-cutoffs';
import { activeAdminChange } from './users-guards';

function toItem(u: User): Record<string, unknown> {
  const at = { tenantId: u.tenantId, userId: u.id };
  return userEntity.item(u, { key: at, gsi2: { ...at, email: u.email } });
}

/** Users in the single table: the record, its e-mail guard and the tenant's active admins move together. */
export class DynamoUserStore implements UserStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, userId: string): Promise<User | undefined> {
    return userEntity.get(this.table, { tenantId, userId });
  }

  list(tenantId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    return queryPage<User>(
      this.table,
      userEntity.patterns.byEmail.query({ tenantId, email: filter.emailPrefix }),
      page,
    );
  }

  async emailOwner(tenantId: string, email: string): Promise<string | undefined> {
    const guard = await getItem(this.table, uniqueEntity.key({ tenantId, kind: 'userEmail', value: email }));
    return typeof guard?.ownerId === 'string' ? guard.ownerId : undefined;
  }

  async activeAdminIds(tenantId: string): Promise<string[]> {
    const ids = (await getItem(this.table, activeAdminsEntity.key({ tenantId })))?.adminIds;
    return ids instanceof Set ? [...(ids as Set<string>)].sort() : [];
  }

  async create(user: User, event: DomainEvent, idempotency?: IdempotencyToken) {
    try {
      return await commitCreate(this.table, { ...this.changeOf(undefined, user, event), idempotency });
    } catch (error) {
      // The record exists only when the sign-in account was already this tenant's user: the same e-mail.
      if (error instanceof ConflictError && error.fields.length === 0) throw emailTaken(user.email);
      throw error;
    }
  }

  async update(previous: User, next: User, event: DomainEvent, tokenCutoff?: number): Promise<void> {
    const change = this.changeOf(previous, next, event);
    const extra =
      tokenCutoff === undefined ? [] : [tokenCutoffPut(this.table, next.tenantId, next.id, tokenCutoff)];
    await commitChange(this.table, { ...change, extra });
    // Owner checks of this container read the user again rather than trust what they kept.
    containerActiveUsers.forget(next.tenantId, next.id);
  }

  async replayOf(tenantId: string, idempotency: IdempotencyToken): Promise<User | undefined> {
    try {
      return await replayOf<User>(this.table, tenantId, idempotency);
    } catch (error) {
      // No record: the key was never used, so there is nothing to replay.
      if (error instanceof HttpError && error.code === 'idempotency-in-progress') return undefined;
      throw error;
    }
  }

  private changeOf(
    previous: User | undefined,
    next: User,
    event: DomainEvent,
  ): Change & { readonly response: User } {
    const lastAdmin = lastAdminRule(next);
    return {
      resource: 'user',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous?.version,
      guards: [
        {
          field: 'email',
          change: guardChange(this.table, next.tenantId, 'userEmail', next.id, previous?.email, next.email),
          takenCode: 'email-taken',
          takenMessage: emailTaken(next.email).message,
        },
        {
          field: lastAdmin.name,
          change: activeAdminChange(
            this.table,
            next.tenantId,
            next.id,
            previous !== undefined && isActiveAdmin(previous),
            isActiveAdmin(next),
          ),
          takenCode: 'last-admin',
          takenMessage: lastAdmin.reason,
        },
      ],
      event,
      response: next,
    };
  }
}
