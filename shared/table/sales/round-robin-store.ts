import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RoundRobinTurns } from '#domain/sales/leads/lead-routing';
import type { Table } from '#table/core/table';
import { roundRobinEntity } from './entities';

/**
 * The round-robin counter of each user group: one item per group whose
 * `turn` grows by one with each lead routed to the group. `ADD` is atomic,
 * so concurrent leads get distinct turns without a read first.
 */
export class DynamoRoundRobinStore implements RoundRobinTurns {
  constructor(private readonly table: Table) {}

  async nextTurn(tenantId: string, groupId: string): Promise<number> {
    const { Attributes } = await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: roundRobinEntity.key({ tenantId, groupId }),
        UpdateExpression: 'SET #entity = :entity ADD #turn :one',
        ExpressionAttributeNames: { '#entity': 'entity', '#turn': 'turn' },
        ExpressionAttributeValues: { ':entity': roundRobinEntity.stored, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    // The count after this lead; its own turn is the one before.
    return (Attributes?.turn as number) - 1;
  }
}
