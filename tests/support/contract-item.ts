import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Contract, ContractDeal } from '#domain/contracts/contract';
import { contractEntity } from '#table/contracts/entities';
import type { Table } from '#table/core/table';

/** What a test says of a contract; the rest is a plausible signed electricity contract. */
export interface ContractGiven {
  readonly tenantId: string;
  readonly accountId: string;
  readonly deal: ContractDeal;
  readonly id?: string;
  readonly state?: Contract['state'];
  readonly deletedAt?: string;
}

/** A contract as the contracts module stores it, for tests of what reads contract items. */
export function contractOf(given: ContractGiven): Contract {
  const at = '2026-03-02T09:00:00.000Z';
  const { deletedAt, ...rest } = given;
  return {
    id: ulid(),
    createdAt: at,
    createdBy: given.deal.ownerId,
    updatedAt: at,
    updatedBy: given.deal.ownerId,
    version: 1,
    number: '2026-000042',
    state: 'signed',
    stateChangedAt: at,
    party: {
      accountId: given.accountId,
      name: 'Bageri Solrosen AB',
      customerType: 'B2B',
      country: 'SE',
      addresses: [],
      phones: [],
    },
    signingPersons: [],
    lines: [],
    currency: 'SEK',
    offeredAnnualCost: 7_548_000,
    requestedStartDate: '2026-04-01',
    term: { kind: 'fixed', months: 24 },
    communication: 'electronic',
    locale: 'sv',
    ...rest,
    ...(deletedAt ? { deletedAt } : {}),
  };
}

/** Writes the contract's item with its keys: its partition, its account's collection and the contract list. */
export async function putContract(table: Table, contract: Contract): Promise<void> {
  const at = { tenantId: contract.tenantId, contractId: contract.id };
  await table.client.send(
    new PutCommand({
      TableName: table.name,
      Item: contractEntity.item(contract, {
        key: at,
        gsi1: { ...at, accountId: contract.accountId },
        gsi2: at,
      }),
    }),
  );
}
