import { claimChange, type GuardChange } from '#table/core/guards';
import type { Table } from '#table/core/table';
import { usersKeys } from './users-keys';

/**
 * Moves a user's e-mail claim from one value to another in the user's
 * transaction, like `guardChange`: release the old value (only if this user
 * still owns it), claim the new one (only if nobody does).
 */
export function userEmailGuard(
  table: Table,
  tenantId: string,
  ownerId: string,
  before: string | undefined,
  after: string | undefined,
): GuardChange {
  return claimChange(table, ownerId, before, after, (email) => usersKeys.emailGuard(tenantId, email));
}

/**
 * Keeps the tenant's set of active admins in step with a user's write. Taking
 * a user out of the set is conditional on someone else staying in it, so two
 * admins demoting each other at once cannot both succeed.
 */
export function activeAdminChange(
  table: Table,
  tenantId: string,
  userId: string,
  wasActiveAdmin: boolean,
  isActiveAdmin: boolean,
): GuardChange {
  if (wasActiveAdmin === isActiveAdmin) return { items: [] };
  const Key = usersKeys.activeAdmins(tenantId);
  if (isActiveAdmin) {
    return {
      items: [
        {
          Update: {
            TableName: table.name,
            Key,
            UpdateExpression: 'SET entity = :entity ADD adminIds :id',
            ExpressionAttributeValues: { ':entity': 'ActiveAdmins', ':id': new Set([userId]) },
          },
        },
      ],
    };
  }
  return {
    items: [
      {
        Update: {
          TableName: table.name,
          Key,
          UpdateExpression: 'DELETE adminIds :id',
          ConditionExpression: 'size(adminIds) > :one OR NOT contains(adminIds, :member)',
          ExpressionAttributeValues: { ':id': new Set([userId]), ':one': 1, ':member': userId },
        },
      },
    ],
    claimIndex: 0,
  };
}
