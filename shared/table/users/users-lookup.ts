import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { UserLookup } from '#domain/users/user-lookup';
import type { Table } from '#table/core/table';
import { usersKeys } from './users-keys';

/** The user lookup other modules use before giving a user new work: one GetItem of two attributes. */
export class DynamoUserLookup implements UserLookup {
  constructor(private readonly table: Table) {}

  async user(tenantId: string, userId: string) {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: usersKeys.user(tenantId, userId),
        ProjectionExpression: 'id, active',
      }),
    );
    return Item ? { id: Item.id as string, active: Item.active === true } : undefined;
  }
}
