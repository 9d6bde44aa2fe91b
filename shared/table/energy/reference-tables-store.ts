import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BandTable } from '#domain/energy/consumption-bands';
import type { GasConversionSettings, ReferenceTables } from '#domain/energy/stores';
import type { Table } from '#table/core/table';
import { bandTableEntity, gasConversionEntity } from './entities';

/** Band tables and gas conversion settings: small tenant items, read by key. */
export class DynamoReferenceTables implements ReferenceTables {
  constructor(private readonly table: Table) {}

  bandTable(tenantId: string, commodity: string, customerType: string): Promise<BandTable | undefined> {
    return bandTableEntity.get(this.table, { tenantId, commodity, customerType }, 'eventual');
  }

  gasConversion(tenantId: string): Promise<GasConversionSettings | undefined> {
    return gasConversionEntity.get(this.table, { tenantId }, 'eventual');
  }

  async saveBandTable(tenantId: string, table: BandTable): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: bandTableEntity.item(table, {
          key: { tenantId, commodity: table.commodity, customerType: table.customerType },
        }),
      }),
    );
  }

  async saveGasConversion(tenantId: string, settings: GasConversionSettings): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: gasConversionEntity.item(settings, { key: { tenantId } }),
      }),
    );
  }
}
