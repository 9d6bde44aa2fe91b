import type { ContractReader } from '#domain/attachments/attachment-subjects';
import type { Contract } from '#domain/contracts/contract';
import { contractEntity } from '#table/contracts/entities';
import type { Table } from '#table/core/table';

/** A contract by its id, read from its item as the contracts module writes it. */
export class DynamoContractReader implements ContractReader {
  constructor(private readonly table: Table) {}

  get(tenantId: string, contractId: string): Promise<Contract | undefined> {
    return contractEntity.get(this.table, { tenantId, contractId });
  }
}
