import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BandTable } from '#domain/energy/consumption-bands';
import type { GasConversionSettings, ReferenceTables } from '#domain/energy/stores';
import { stripLayout } from '#table/core/item-mapping';
import { keys } from '#table/core/keys';
import type { Table } from '#table/core/table';

/** Band tables and gas conversion settings: small tenant items, read by key. */
export class DynamoReferenceTables implements ReferenceTables {
  constructor(private readonly table: Table) {}

  async bandTable(tenantId: string, commodity: string, customerType: string): Promise<BandTable | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.name, Key: keys.bandTable(tenantId, commodity, customerType) }),
    );
    return Item ? stripLayout<BandTable>(Item) : undefined;
  }

  async gasConversion(tenantId: string): Promise<GasConversionSettings | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.name, Key: keys.gasConversion(tenantId) }),
    );
    return Item ? stripLayout<GasConversionSettings>(Item) : undefined;
  }

  async saveBandTable(tenantId: string, table: BandTable): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          ...keys.bandTable(tenantId, table.commodity, table.customerType),
          entity: 'BandTable',
          ...table,
        },
      }),
    );
  }

  async saveGasConversion(tenantId: string, settings: GasConversionSettings): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { ...keys.gasConversion(tenantId), entity: 'GasConversion', ...settings },
      }),
    );
  }
}
