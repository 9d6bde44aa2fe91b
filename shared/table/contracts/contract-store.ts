import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Contract, ContractTransition } from '#domain/contracts/contract';
import type {
  ContractFilter,
  ContractStore,
  DueEntry,
  DueKind,
  NumberedDraft,
} from '#domain/contracts/contract-store';
import type { ContractMove } from '#domain/contracts/contract-transitions';
import { plusDays } from '#domain/contracts/supply-start';
import { ConflictError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { revisionOf } from '#domain/system-writes';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { stripLayout } from '#table/core/item-mapping';
import { queryKeyInput } from '#table/core/key-condition';
import { queryAll } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import { sequencePut } from '#table/core/sequence-put';
import type { Table } from '#table/core/table';
import { deleteItem, putNew, type TransactItem } from '#table/core/transact';
import {
  contractDueEntity,
  contractEntity,
  contractOfOfferEntity,
  contractSequenceEntity,
  contractTransitionEntity,
  signingCallbackEntity,
} from './entities';

/** How often a create takes the next number again when others took the one it read. */
const numberAttempts = 20;

/** The contract with its placements; `members` lets a seller's list filter by deal membership. */
function contractItem(c: Contract): Record<string, unknown> {
  const at = { tenantId: c.tenantId, contractId: c.id };
  return {
    ...contractEntity.item(c, { key: at, gsi1: { ...at, accountId: c.accountId }, gsi2: at }),
    members: [...new Set([c.deal.ownerId, ...c.deal.participants.map((p) => p.userId)])],
  };
}

const transitionPut = (table: Table, tenantId: string, t: ContractTransition): TransactItem =>
  putNew(
    table,
    contractTransitionEntity.item(t, { key: { tenantId, contractId: t.contractId, version: t.version } }),
  );

const dueItem = (e: DueEntry) =>
  contractDueEntity.item({ tenantId: e.tenantId, contractId: e.contractId }, { key: e });

/** A conditional Put of the contract: the stored version and revision are those of `previous`. */
function contractPut(table: Table, previous: Contract, next: Contract) {
  return {
    TableName: table.name,
    Item: contractItem(next),
    ConditionExpression: '#version = :version AND (attribute_not_exists(#revision) OR #revision = :revision)',
    ExpressionAttributeNames: { '#version': 'version', '#revision': 'revision' },
    ExpressionAttributeValues: { ':version': previous.version, ':revision': revisionOf(previous) },
  };
}

export class DynamoContractStore implements ContractStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, contractId: string): Promise<Contract | undefined> {
    return contractEntity.get(this.table, { tenantId, contractId });
  }

  async withHistory(tenantId: string, contractId: string) {
    const items = await queryAll(
      this.table,
      contractEntity.patterns.withHistory.query({ tenantId, contractId }),
      { ConsistentRead: true },
    );
    const contract = items.find((i) => i.entity === contractEntity.stored);
    return {
      contract: contract ? stripLayout<Contract>(contract) : undefined,
      transitions: items
        .filter((i) => i.entity === contractTransitionEntity.stored)
        .map((i) => stripLayout<ContractTransition>(i)),
    };
  }

  list(tenantId: string, filter: ContractFilter, page: PageRequest): Promise<Page<Contract>> {
    return queryPage<Contract>(
      this.table,
      {
        ...contractEntity.patterns.all.query({ tenantId }),
        equals: { state: filter.state },
        contains: { members: filter.memberId },
      },
      page,
      (item) => {
        const { members: _members, ...rest } = item;
        return stripLayout<Contract>(rest);
      },
    );
  }

  async ofOfferVersion(tenantId: string, offerId: string, versionNumber: number) {
    const guard = await contractOfOfferEntity.get(this.table, { tenantId, offerId, versionNumber });
    return guard?.ownerId;
  }

  async create(
    tenantId: string,
    year: string,
    build: (sequence: number) => NumberedDraft,
    options: {
      readonly offer?: { readonly offerId: string; readonly versionNumber: number };
      readonly idempotency?: IdempotencyToken;
    },
  ): Promise<Created<Contract>> {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await contractSequenceEntity.get(this.table, { tenantId, year });
      const last = stored?.last ?? 0;
      const { move, event } = build(last + 1);
      const { contract, transition } = move;
      const guard = options.offer
        ? putNew(
            this.table,
            contractOfOfferEntity.item({ ownerId: contract.id }, { key: { tenantId, ...options.offer } }),
          )
        : undefined;
      try {
        return await commitCreate(this.table, {
          resource: 'contract',
          id: contract.id,
          item: contractItem(contract),
          guards: guard
            ? [
                {
                  field: 'offerId',
                  change: { items: [guard], claimIndex: 0 },
                  takenCode: 'already-exists',
                  takenMessage: 'a contract was already made from this offer version',
                },
              ]
            : [],
          extra: [
            transitionPut(this.table, tenantId, transition),
            sequencePut(
              this.table,
              contractSequenceEntity.item({ last: last + 1 }, { key: { tenantId, year } }),
              last,
            ),
          ],
          extraConflict: { code: 'changed-meanwhile', message: 'the contract number was taken meanwhile' },
          event,
          idempotency: options.idempotency,
          response: contract,
        });
      } catch (error) {
        const numberTaken = error instanceof ConflictError && error.code === 'changed-meanwhile';
        if (!numberTaken || attempt >= numberAttempts) throw error;
      }
    }
  }

  async move(
    previous: Contract,
    move: ContractMove,
    event: DomainEvent,
    extra: {
      readonly due?: readonly DueEntry[];
      readonly undue?: readonly DueEntry[];
      readonly callbackTokenHash?: string;
    } = {},
  ): Promise<void> {
    const { contract, transition } = move;
    const route = extra.callbackTokenHash
      ? [
          putNew(
            this.table,
            signingCallbackEntity.item(
              { tenantId: contract.tenantId, contractId: contract.id },
              { key: { tokenHash: extra.callbackTokenHash } },
            ),
          ),
        ]
      : [];
    await commitChange(this.table, {
      resource: 'contract',
      id: contract.id,
      item: contractItem(contract),
      expectedVersion: previous.version,
      expectedRevision: revisionOf(previous),
      extra: [
        transitionPut(this.table, contract.tenantId, transition),
        ...(extra.undue ?? []).map((e) => deleteItem(this.table, contractDueEntity.key(e))),
        ...(extra.due ?? []).map((e) => ({ Put: { TableName: this.table.name, Item: dueItem(e) } })),
        ...route,
      ],
      event,
    });
  }

  async annotate(previous: Contract, next: Contract, event?: DomainEvent): Promise<void> {
    if (event) {
      await commitChange(this.table, {
        resource: 'contract',
        id: next.id,
        item: contractItem(next),
        expectedVersion: previous.version,
        expectedRevision: revisionOf(previous),
        event,
      });
      return;
    }
    try {
      await this.table.client.send(new PutCommand(contractPut(this.table, previous, next)));
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        throw new VersionMismatchError('contract', next.id);
      }
      throw error;
    }
  }

  callbackRoute(tokenHash: string) {
    return signingCallbackEntity.get(this.table, { tokenHash });
  }

  async dueBy(kind: DueKind, day: string, limit: number): Promise<DueEntry[]> {
    // Entries of `day` itself sort after `day` (`<day>#<tenant>#…`): read up to the next day.
    const query = contractDueEntity.patterns.dueBy.query({ kind, due: plusDays(day, 1) });
    const result = await this.table.client.send(
      new QueryCommand({ TableName: this.table.name, ...queryKeyInput(query), Limit: limit }),
    );
    return (result.Items ?? []).map((item) => {
      const [due = '', tenantId = '', contractId = ''] = String(item.sk).split('#');
      return { kind, due, tenantId, contractId };
    });
  }

  async removeDue(entry: DueEntry): Promise<void> {
    await this.table.client.send(
      new DeleteCommand({ TableName: this.table.name, Key: contractDueEntity.key(entry) }),
    );
  }

  async postpone(entry: DueEntry, day: string): Promise<void> {
    await this.table.client.send(
      new PutCommand({ TableName: this.table.name, Item: dueItem({ ...entry, due: day }) }),
    );
    await this.removeDue(entry);
  }
}
