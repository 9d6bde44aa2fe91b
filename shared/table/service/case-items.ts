import { createHash } from 'node:crypto';
import { type Case, isOpen } from '#domain/service/case';
import { nextDueAt } from '#domain/service/case-sla';
import { type CaseSummary, caseSummary, type LoadMoves } from '#domain/service/case-store';
import type { Table } from '#table/core/table';
import type { TransactItem } from '#table/core/transact';
import { caseEntity, caseQueueEntryEntity, openCasesEntity, teamLoadEntity } from './entities';

/** Sorts after every ISO time: a case with no running target goes to the end of its queue. */
const noDue = '~';

/** The case with its placements: in the account's collection only while open. */
export function caseItem(c: Case): Record<string, unknown> {
  const at = { tenantId: c.tenantId, caseId: c.id };
  return caseEntity.item(c, {
    key: at,
    gsi1: c.accountId && isOpen(c.status) ? { ...at, accountId: c.accountId } : undefined,
    gsi2: at,
  });
}

/** A channel reference as a key: long Message-IDs are hashed to stay well inside the key size. */
export const referenceKey = (reference: string) =>
  reference.length <= 200 ? reference : `sha256:${createHash('sha256').update(reference).digest('hex')}`;

interface QueuePlace {
  readonly queue: 'OWNER' | 'TEAM' | 'DUE';
  readonly holder: string;
  readonly dueAt: string;
}

/** Where an open case is listed: its owner's queue or its team's, and the due list while a target runs. */
function placesOf(c: Case): QueuePlace[] {
  if (!isOpen(c.status)) return [];
  const due = nextDueAt(c.sla);
  const dueAt = due ?? noDue;
  const holderQueue: QueuePlace = c.ownerId
    ? { queue: 'OWNER', holder: c.ownerId, dueAt }
    : { queue: 'TEAM', holder: c.teamId ?? '-', dueAt };
  return due ? [holderQueue, { queue: 'DUE', holder: '-', dueAt }] : [holderQueue];
}

const placeKey = (c: Case, p: QueuePlace) =>
  caseQueueEntryEntity.key({
    tenantId: c.tenantId,
    queue: p.queue,
    holder: p.holder,
    dueAt: p.dueAt,
    caseId: c.id,
  });

/** The queue entries a change deletes and puts: an entry whose key stays is only put again. */
export function queueWrites(table: Table, previous: Case | undefined, next: Case): TransactItem[] {
  const after = placesOf(next);
  const afterKeys = new Set(after.map((p) => JSON.stringify(placeKey(next, p))));
  const before = previous ? placesOf(previous) : [];
  const summary: CaseSummary = caseSummary(next, nextDueAt(next.sla));
  return [
    ...before
      .map((p) => placeKey(next, p))
      .filter((k) => !afterKeys.has(JSON.stringify(k)))
      .map((Key): TransactItem => ({ Delete: { TableName: table.name, Key } })),
    ...after.map(
      (p): TransactItem => ({
        Put: {
          TableName: table.name,
          Item: caseQueueEntryEntity.item(summary, {
            key: {
              tenantId: next.tenantId,
              queue: p.queue,
              holder: p.holder,
              dueAt: p.dueAt,
              caseId: next.id,
            },
          }),
        },
      }),
    ),
  ];
}

const markerAttribute = (caseId: string) => `case_${caseId}`;

/** The case ids an open-case marker holds. */
export function openCaseIds(marker: Record<string, unknown> | undefined): string[] {
  const prefix = markerAttribute('');
  return Object.keys(marker ?? {})
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length));
}

function markerUpdate(
  table: Table,
  c: Case,
  holder: 'CONTACT' | 'ACCOUNT',
  holderId: string,
  summary?: CaseSummary,
): TransactItem {
  const Key = openCasesEntity.key({ tenantId: c.tenantId, holder, holderId });
  return {
    Update: {
      TableName: table.name,
      Key,
      UpdateExpression: summary ? 'SET #case = :summary, entity = :entity' : 'REMOVE #case',
      ExpressionAttributeNames: { '#case': markerAttribute(c.id) },
      ...(summary
        ? { ExpressionAttributeValues: { ':summary': summary, ':entity': openCasesEntity.stored } }
        : {}),
    },
  };
}

/** The open-case markers of the case's contact and account, set while it is open and removed after. */
export function markerWrites(table: Table, previous: Case | undefined, next: Case): TransactItem[] {
  const holders = (c: Case | undefined) =>
    c && isOpen(c.status)
      ? [
          ...(c.contactId ? [['CONTACT', c.contactId] as const] : []),
          ...(c.accountId ? [['ACCOUNT', c.accountId] as const] : []),
        ]
      : [];
  const after = holders(next);
  const summary = caseSummary(next, nextDueAt(next.sla));
  const removed = holders(previous).filter(([h, id]) => !after.some(([h2, id2]) => h === h2 && id === id2));
  return [
    ...removed.map(([holder, id]) => markerUpdate(table, next, holder, id)),
    ...after.map(([holder, id]) => markerUpdate(table, next, holder, id, summary)),
  ];
}

export const loadAttribute = (userId: string) => `open_${userId}`;

/**
 * The teams' counters: one Update per team item (a move inside one team is
 * a single Update). An assignment picked by the team's method is refused
 * when the member reached the capacity meanwhile.
 */
export function loadWrites(table: Table, tenantId: string, moves: LoadMoves | undefined): TransactItem[] {
  if (!moves) return [];
  const byTeam = new Map<
    string,
    { add: Map<string, number>; capacity?: { userId: string; max: number }; last?: string }
  >();
  const team = (teamId: string) => {
    const found = byTeam.get(teamId) ?? { add: new Map<string, number>() };
    byTeam.set(teamId, found);
    return found;
  };
  if (moves.release) {
    const t = team(moves.release.teamId);
    t.add.set(moves.release.userId, (t.add.get(moves.release.userId) ?? 0) - 1);
  }
  if (moves.assign) {
    const t = team(moves.assign.teamId);
    t.add.set(moves.assign.userId, (t.add.get(moves.assign.userId) ?? 0) + 1);
    t.last = moves.assign.userId;
    if (moves.assign.capacity < Number.MAX_SAFE_INTEGER)
      t.capacity = { userId: moves.assign.userId, max: moves.assign.capacity };
  }
  return [...byTeam].map(([teamId, t]): TransactItem => {
    const names: Record<string, string> = { '#entity': 'entity' };
    const values: Record<string, unknown> = { ':entity': teamLoadEntity.stored };
    const adds = [...t.add].filter(([, delta]) => delta !== 0);
    adds.forEach(([userId, delta], i) => {
      names[`#u${i}`] = loadAttribute(userId);
      values[`:d${i}`] = delta;
    });
    const sets = ['#entity = :entity'];
    if (t.last) {
      names['#last'] = 'lastAssigned';
      values[':last'] = t.last;
      sets.push('#last = :last');
    }
    const capacityIndex = t.capacity ? adds.findIndex(([userId]) => userId === t.capacity?.userId) : -1;
    if (t.capacity && capacityIndex >= 0) values[':max'] = t.capacity.max;
    return {
      Update: {
        TableName: table.name,
        Key: teamLoadEntity.key({ tenantId, teamId }),
        UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.map((_, i) => `#u${i} :d${i}`).join(', ')}` : ''}`,
        ...(capacityIndex >= 0
          ? { ConditionExpression: `attribute_not_exists(#u${capacityIndex}) OR #u${capacityIndex} < :max` }
          : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}
