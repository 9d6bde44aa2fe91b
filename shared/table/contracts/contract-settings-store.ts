import type { ContractSettings } from '#domain/contracts/contract-settings';
import type { ContractSettingsStore } from '#domain/contracts/contract-store';
import type { DomainEvent } from '#domain/events';
import { commitChange } from '#table/core/commit-change';
import type { Table } from '#table/core/table';
import { contractSettingsEntity } from './entities';

export class DynamoContractSettingsStore implements ContractSettingsStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string): Promise<ContractSettings | undefined> {
    return contractSettingsEntity.get(this.table, { tenantId });
  }

  async replace(next: ContractSettings, expectedVersion: number, event: DomainEvent): Promise<void> {
    await commitChange(this.table, {
      resource: 'contract settings',
      id: next.tenantId,
      item: contractSettingsEntity.item(next, { key: { tenantId: next.tenantId } }),
      ...(expectedVersion === 0 ? {} : { expectedVersion }),
      event,
    });
  }
}
