import type { Contract, ContractState } from '#domain/contracts/contract';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { ExportSources } from '#domain/exports/export-runner';
import { DynamoContractStore } from '#table/contracts/contract-store';
import type { Table } from '#table/core/table';
import { DynamoSupplyPointStore } from '#table/energy/supply-point-store';

const exportable: readonly ContractState[] = ['signed', 'active'];

/** The contracts and supply points an export reads, from the contracts' and energy modules' stores. */
export class DynamoExportSources implements ExportSources {
  private readonly contracts: DynamoContractStore;
  private readonly supplyPoints: DynamoSupplyPointStore;

  constructor(table: Table) {
    this.contracts = new DynamoContractStore(table);
    this.supplyPoints = new DynamoSupplyPointStore(table);
  }

  contract(tenantId: string, contractId: string): Promise<Contract | undefined> {
    return this.contracts.get(tenantId, contractId);
  }

  /** Every page of the tenant's signed and active contracts, kept when their supply starts in the month. */
  async startingIn(tenantId: string, month: string): Promise<Contract[]> {
    const found: Contract[] = [];
    for (const state of exportable) {
      let cursor: string | undefined;
      do {
        const page = await this.contracts.list(tenantId, { state }, { limit: 100, cursor });
        found.push(
          ...page.items.filter((c) => (c.supplyStartDate ?? c.requestedStartDate).startsWith(`${month}-`)),
        );
        cursor = page.nextCursor;
      } while (cursor);
    }
    return found;
  }

  supplyPoint(tenantId: string, supplyPointId: string): Promise<SupplyPoint | undefined> {
    return this.supplyPoints.get(tenantId, supplyPointId);
  }
}
