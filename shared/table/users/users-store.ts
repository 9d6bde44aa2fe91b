import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { emailTaken, isActiveAdmin, lastAdminRule, type User } from '#domain/users/user';
import type { UserFilter, UserStore } from '#domain/users/user-store';
import { HttpError } from '#http/http-error';
import { commitChange } from '#table/core/commit-change';
import { replayOf } from '#table/core/idempotency';
import { stripLayout } from '#table/core/item-mapping';
import { foldForSort } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { activeAdminChange, userEmailGuard } from './users-guards';
import { usersKeys } from './users-keys';

function toItem(u: User): Record<string, unknown> {
  return {
    ...usersKeys.user(u.tenantId, u.id),
    entity: 'User',
    gsi2pk: usersKeys.userList(u.tenantId),
    gsi2sk: `${foldForSort(u.email)}#${u.id}`,
    ...u,
  };
}

/** Users in the single table: the record, its e-mail guard and the tenant's active admins move together. */
export class DynamoUserStore implements UserStore {
  constructor(private readonly table: Table) {}

  async get(tenantId: string, userId: string): Promise<User | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: usersKeys.user(tenantId, userId),
        // Read before conditional writes: a stale copy would give a false 412.
        ConsistentRead: true,
      }),
    );
    return Item ? stripLayout<User>(Item) : undefined;
  }

  list(tenantId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    return queryPage<User>(
      this.table,
      {
        index: 'gsi2',
        partition: usersKeys.userList(tenantId),
        sortKeyPrefix: filter.emailPrefix ? foldForSort(filter.emailPrefix) : undefined,
      },
      page,
    );
  }

  async emailOwner(tenantId: string, email: string): Promise<string | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: usersKeys.emailGuard(tenantId, email),
        ConsistentRead: true,
      }),
    );
    return typeof Item?.ownerId === 'string' ? Item.ownerId : undefined;
  }

  async activeAdminIds(tenantId: string): Promise<string[]> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: usersKeys.activeAdmins(tenantId),
        ConsistentRead: true,
      }),
    );
    const ids = Item?.adminIds;
    return ids instanceof Set ? [...(ids as Set<string>)].sort() : [];
  }

  async create(user: User, event: DomainEvent, idempotency?: IdempotencyToken) {
    try {
      const { replayed } = await this.write(undefined, user, event, idempotency);
      return replayed ? { value: replayed as User, replayed: true } : { value: user, replayed: false };
    } catch (error) {
      // The record exists only when the sign-in account was already this tenant's user: the same e-mail.
      if (error instanceof ConflictError && error.fields.length === 0) throw emailTaken(user.email);
      throw error;
    }
  }

  async update(previous: User, next: User, event: DomainEvent): Promise<void> {
    await this.write(previous, next, event);
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

  private write(previous: User | undefined, next: User, event: DomainEvent, idempotency?: IdempotencyToken) {
    const lastAdmin = lastAdminRule(next);
    return commitChange(this.table, {
      resource: 'user',
      id: next.id,
      item: toItem(next),
      expectedVersion: previous?.version,
      guards: [
        {
          field: 'email',
          change: userEmailGuard(this.table, next.tenantId, next.id, previous?.email, next.email),
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
      idempotency,
      response: next,
    });
  }
}
