import type { UserLookup } from '#domain/users/user-lookup';
import { getItem } from '#table/core/get-item';
import type { Table } from '#table/core/table';
import { userEntity } from './entities';

/** The user lookup other modules use before giving a user new work: one GetItem of two attributes. */
export class DynamoUserLookup implements UserLookup {
  constructor(private readonly table: Table) {}

  async user(tenantId: string, userId: string) {
    const user = await getItem(this.table, userEntity.key({ tenantId, userId }), {
      read: 'eventual',
      attributes: ['id', 'active'],
    });
    return user ? { id: user.id as string, active: user.active === true } : undefined;
  }
}
