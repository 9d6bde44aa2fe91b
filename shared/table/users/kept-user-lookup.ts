import type { UserLookup } from '#domain/users/user-lookup';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { userEntity } from './entities';
import { DynamoUserLookup } from './users-lookup';

/** How long a container trusts that a user it read is active: the write's ConditionCheck catches the rest. */
export const activeUserMillis = 10_000;

/** The users a container read as active, each trusted until a few seconds after the read. */
export class ActiveUsers {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs = activeUserMillis,
    private readonly now: () => number = Date.now,
  ) {}

  isKept(tenantId: string, userId: string): boolean {
    const until = this.until.get(`${tenantId}/${userId}`);
    return until !== undefined && this.now() < until;
  }

  keep(tenantId: string, userId: string): void {
    this.until.set(`${tenantId}/${userId}`, this.now() + this.ttlMs);
  }

  /** Drops a user: this container changed it, or a write found it no longer active. */
  forget(tenantId: string, userId: string): void {
    this.until.delete(`${tenantId}/${userId}`);
  }
}

/** The active users every owner check of this container shares. */
export const containerActiveUsers = new ActiveUsers();

/**
 * The user lookup of a writer that puts `activeCheck` in its transaction:
 * active users are kept per container for a few seconds, so a warm write
 * names an owner without a read. Only active users are kept: an unknown or
 * deactivated one is read again on every check, so a user created or
 * reactivated meanwhile is never refused. A kept user may have been
 * deactivated since; the ConditionCheck then refuses the write, and the
 * writer calls `forget` so that the retry reads the user as it is.
 */
export class KeptUserLookup implements UserLookup {
  private readonly read: UserLookup;

  constructor(
    private readonly table: Table,
    private readonly active: ActiveUsers = containerActiveUsers,
  ) {
    this.read = new DynamoUserLookup(table);
  }

  async user(tenantId: string, userId: string) {
    if (this.active.isKept(tenantId, userId)) return { id: userId, active: true };
    const user = await this.read.user(tenantId, userId);
    if (user?.active) this.active.keep(tenantId, userId);
    else this.active.forget(tenantId, userId);
    return user;
  }

  /** For the transaction that gives the user new work: the user still exists and is active. */
  activeCheck(tenantId: string, userId: string): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.table.name,
        Key: userEntity.key({ tenantId, userId }),
        ConditionExpression: 'attribute_exists(pk) AND active = :active',
        ExpressionAttributeValues: { ':active': true },
      },
    };
  }

  /** Drops a kept user: a write found it no longer active. */
  forget(tenantId: string, userId: string): void {
    this.active.forget(tenantId, userId);
  }
}
