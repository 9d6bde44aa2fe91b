import type { GuardChange } from '#table/core/guards';
import type { Table } from '#table/core/table';
import { activeAdminsEntity } from './entities';

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
  const Key = activeAdminsEntity.key({ tenantId });
  if (isActiveAdmin) {
    return {
      items: [
        {
          Update: {
            TableName: table.name,
            Key,
            UpdateExpression: 'SET entity = :entity ADD adminIds :id',
            ExpressionAttributeValues: { ':entity': activeAdminsEntity.stored, ':id': new Set([userId]) },
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
