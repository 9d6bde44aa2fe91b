import { ConflictError } from '#domain/errors';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { Case, CaseMessage } from '#domain/service/case';
import type { TeamLoad } from '#domain/service/case-assignment';
import type { CaseFilter, CaseQueue, CaseStore, CaseSummary, CaseWrite } from '#domain/service/case-store';
import { commitChange } from '#table/core/commit-change';
import { commitCreate } from '#table/core/commit-create';
import { getItem } from '#table/core/get-item';
import { stripLayout } from '#table/core/item-mapping';
import { queryFirstPage } from '#table/core/query-all';
import { queryPage } from '#table/core/query-page';
import { sequencePut } from '#table/core/sequence-put';
import type { Table } from '#table/core/table';
import { putNew, type TransactItem } from '#table/core/transact';
import {
  caseItem,
  loadAttribute,
  loadWrites,
  markerWrites,
  openCaseIds,
  queueWrites,
  referenceKey,
} from './case-items';
import {
  caseConversationEntity,
  caseEntity,
  caseMessageEntity,
  caseNumberEntity,
  caseQueueEntryEntity,
  caseReferenceEntity,
  caseSequenceEntity,
  openCasesEntity,
  teamLoadEntity,
} from './entities';

/** How often a create tries again when another took its number, or the picked owner's capacity filled. */
const createAttempts = 20;

export class DynamoCaseStore implements CaseStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string, caseId: string): Promise<Case | undefined> {
    return caseEntity.get(this.table, { tenantId, caseId });
  }

  async create(
    tenantId: string,
    build: (number: number) => Promise<CaseWrite>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Case>> {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await caseSequenceEntity.get(this.table, { tenantId });
      const last = stored?.last ?? 0;
      const write = await build(last + 1);
      const c = write.case;
      try {
        return await commitCreate(this.table, {
          resource: 'case',
          id: c.id,
          item: caseItem(c),
          guards: this.referenceGuards(tenantId, c.id, write.mailIds),
          extra: [
            sequencePut(this.table, caseSequenceEntity.item({ last: last + 1 }, { key: { tenantId } }), last),
            putNew(
              this.table,
              caseNumberEntity.item({ caseId: c.id }, { key: { tenantId, number: c.number } }),
            ),
            ...this.companions(undefined, write),
          ],
          extraConflict: {
            code: 'changed-meanwhile',
            message: 'the case number or the owner’s capacity was taken meanwhile',
          },
          event: write.event,
          idempotency,
          response: c,
        });
      } catch (error) {
        const retry = error instanceof ConflictError && error.code === 'changed-meanwhile';
        if (!retry || attempt >= createAttempts) throw error;
      }
    }
  }

  async change(previous: Case, write: CaseWrite): Promise<void> {
    const c = write.case;
    await commitChange(this.table, {
      resource: 'case',
      id: c.id,
      item: caseItem(c),
      expectedVersion: previous.version,
      guards: this.referenceGuards(c.tenantId, c.id, write.mailIds),
      extra: this.companions(previous, write),
      extraConflict: {
        code: 'changed-meanwhile',
        message: 'the owner’s open cases reached their capacity meanwhile; read the case again',
      },
      event: write.event,
    });
  }

  async messages(tenantId: string, caseId: string, page: PageRequest): Promise<Page<CaseMessage>> {
    return queryPage<CaseMessage>(
      this.table,
      caseMessageEntity.patterns.thread.query({ tenantId, caseId }),
      page,
    );
  }

  async latestMessages(tenantId: string, caseId: string, limit: number): Promise<CaseMessage[]> {
    const items = await queryFirstPage(
      this.table,
      caseMessageEntity.patterns.latest.query({ tenantId, caseId }),
      {
        Limit: limit,
      },
    );
    return items.map((i) => stripLayout<CaseMessage>(i)).reverse();
  }

  list(tenantId: string, filter: CaseFilter, page: PageRequest): Promise<Page<Case>> {
    return queryPage<Case>(
      this.table,
      {
        ...caseEntity.patterns.all.query({ tenantId }),
        equals: { status: filter.status, teamId: filter.teamId, accountId: filter.accountId },
      },
      page,
    );
  }

  queue(tenantId: string, queue: CaseQueue, page: PageRequest): Promise<Page<CaseSummary>> {
    const query =
      queue.kind === 'due'
        ? caseQueueEntryEntity.patterns.dueBefore.query({ tenantId, dueAt: queue.before })
        : caseQueueEntryEntity.patterns.queue.query({
            tenantId,
            queue: queue.kind === 'owner' ? 'OWNER' : 'TEAM',
            holder: queue.kind === 'owner' ? queue.userId : queue.teamId,
          });
    return queryPage<CaseSummary>(this.table, query, page);
  }

  async byNumber(tenantId: string, number: number) {
    return (await caseNumberEntity.get(this.table, { tenantId, number }))?.caseId;
  }

  async byMailId(tenantId: string, reference: string) {
    return (await caseReferenceEntity.get(this.table, { tenantId, reference: referenceKey(reference) }))
      ?.caseId;
  }

  async byConversation(tenantId: string, conversationKey: string) {
    return (await caseConversationEntity.get(this.table, { tenantId, conversationKey }))?.caseId;
  }

  async teamLoad(tenantId: string, teamId: string): Promise<TeamLoad> {
    const Item = await getItem(this.table, teamLoadEntity.key({ tenantId, teamId }));
    const openCases: Record<string, number> = {};
    for (const [name, value] of Object.entries(Item ?? {})) {
      if (name.startsWith(loadAttribute('')) && typeof value === 'number' && value > 0)
        openCases[name.slice(loadAttribute('').length)] = value;
    }
    return {
      openCases,
      ...(typeof Item?.lastAssigned === 'string' ? { lastAssigned: Item.lastAssigned } : {}),
    };
  }

  async openOfContact(tenantId: string, contactId: string): Promise<string[]> {
    const Item = await getItem(
      this.table,
      openCasesEntity.key({ tenantId, holder: 'CONTACT', holderId: contactId }),
    );
    return openCaseIds(Item);
  }

  /** The references a write claims: a second delivery of the same message fails here and stops. */
  private referenceGuards(tenantId: string, caseId: string, references: readonly string[] | undefined) {
    return (references ?? []).map((reference) => ({
      field: 'messageId',
      change: {
        items: [
          putNew(
            this.table,
            caseReferenceEntity.item({ caseId }, { key: { tenantId, reference: referenceKey(reference) } }),
          ),
        ],
        claimIndex: 0,
      },
      takenCode: 'already-exists' as const,
      takenMessage: 'this message was already received',
    }));
  }

  /** What goes with every write of a case: its message, queues, markers, team counters and conversation. */
  private companions(previous: Case | undefined, write: CaseWrite): TransactItem[] {
    const c = write.case;
    return [
      ...(write.message
        ? [
            putNew(
              this.table,
              caseMessageEntity.item(write.message, {
                key: { tenantId: c.tenantId, caseId: c.id, messageId: write.message.id },
              }),
            ),
          ]
        : []),
      ...queueWrites(this.table, previous, c),
      ...markerWrites(this.table, previous, c),
      ...loadWrites(this.table, c.tenantId, write.load),
      ...(write.conversationKey
        ? [
            {
              Put: {
                TableName: this.table.name,
                Item: caseConversationEntity.item(
                  { caseId: c.id },
                  { key: { tenantId: c.tenantId, conversationKey: write.conversationKey } },
                ),
              },
            },
          ]
        : []),
    ];
  }
}
