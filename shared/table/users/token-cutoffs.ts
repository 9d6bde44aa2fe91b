import type { TokenCutoffs } from '#domain/users/token-cutoff';
import { getItem } from '#table/core/get-item';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { tokenCutoffEntity } from './entities';

/** Puts a user's token cutoff; part of the transaction that deactivates or demotes the user. */
export function tokenCutoffPut(
  table: Table,
  tenantId: string,
  userId: string,
  notBefore: number,
): TransactItem {
  return {
    Put: {
      TableName: table.name,
      Item: tokenCutoffEntity.item({ notBefore }, { key: { tenantId, userId } }),
    },
  };
}

/**
 * The users' token cutoffs as the handler shell reads them: one consistent
 * GetItem of one attribute, so that a read after the change sees it.
 */
export class DynamoTokenCutoffs implements TokenCutoffs {
  constructor(private readonly table: Table) {}

  async cutoffOf(tenantId: string, userId: string): Promise<number | undefined> {
    const item = await getItem(this.table, tokenCutoffEntity.key({ tenantId, userId }), {
      attributes: ['notBefore'],
    });
    return typeof item?.notBefore === 'number' ? item.notBefore : undefined;
  }
}
