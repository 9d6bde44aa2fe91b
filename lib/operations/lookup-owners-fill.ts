import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type LookupItem, lookupEntity, type OwnedLookupKind } from '#table/accounts/entities';
import { ownersWrite } from '#table/accounts/lookups';
import type { ItemKey } from '#table/core/key-template';
import type { Table } from '#table/core/table';
import { transactRetryingConflicts } from '#table/core/transact-retry';

/** What a fill did; a second run reads and writes the same again, changing nothing. */
export interface LookupOwnersFillSummary {
  /** Phone and e-mail lookup items read. */
  readonly lookupsRead: number;
  /** Owners added to their value's owners item (an ADD to a set, so already there is no change). */
  readonly ownersWritten: number;
  /** Lookup items removed by a live write between the Scan and the fill's write: nothing to add. */
  readonly lookupsGone: number;
}

export interface LookupOwnersFillOptions {
  /** Parallel Scan segments. */
  readonly segments?: number;
  /** Told after each page of each segment, with the totals so far. */
  readonly onProgress?: (sofar: LookupOwnersFillSummary) => void;
}

/** Writes at once per Scan page. */
const writeConcurrency = 10;

const ownedLookupKey = /^T#(.+?)#LOOKUP#(phone|email)#(.*)$/s;

/**
 * Adds the owner that a phone or e-mail lookup item names to that value's
 * owners item, with the same Update the owner's own transactions make
 * (lookups.ts). The Update goes in a transaction with a check that the
 * lookup item still exists: an owner whose value a live write removed after
 * the Scan read it is not brought back, since that write's DELETE from the
 * set either precedes this transaction (the check fails) or follows it.
 * 'gone' when the lookup item no longer exists.
 */
export async function addLookupOwner(table: Table, lookup: ItemKey): Promise<'added' | 'gone'> {
  const match = ownedLookupKey.exec(lookup.pk);
  const [subject, id] = lookup.sk.split(/#(.*)/s) as [LookupItem['subject'], string];
  if (!match) throw new Error(`${lookup.pk} is not a phone or e-mail lookup`);
  const [, tenantId = '', kind, value = ''] = match;
  const entry = { kind: kind as OwnedLookupKind, value };
  const rebuilt = lookupEntity.key({ tenantId, ...entry, subject, id });
  if (rebuilt.pk !== lookup.pk || rebuilt.sk !== lookup.sk) {
    throw new Error(`the lookup ${lookup.pk} ${lookup.sk} does not read back as its key`);
  }
  try {
    await transactRetryingConflicts(table, [
      {
        ConditionCheck: {
          TableName: table.name,
          Key: lookup,
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      ...ownersWrite(table, { tenantId, subject, id }, entry, 'ADD'),
    ]);
    return 'added';
  } catch (error) {
    const codes =
      error instanceof TransactionCanceledException
        ? (error.CancellationReasons ?? []).map((r) => r.Code)
        : [];
    if (codes[0] === 'ConditionalCheckFailed') return 'gone';
    throw error;
  }
}

/**
 * The one-off fill of the owners items of a table written before they
 * existed: every phone and e-mail lookup item's owner added to its value's
 * owners item. Idempotent (a set ADD) and safe beside live writes, so an
 * interrupted fill is simply run again.
 *
 * It Scans the whole table, filtered to the lookup items: an operator's
 * one-off over every tenant, never a request path. The design's "no Scan"
 * is a rule of the functions' table layer (shared/table), which this is not.
 */
export async function fillLookupOwners(
  table: Table,
  options: LookupOwnersFillOptions = {},
): Promise<LookupOwnersFillSummary> {
  const segments = options.segments ?? 4;
  const totals = { lookupsRead: 0, ownersWritten: 0, lookupsGone: 0 };
  const scanSegment = async (segment: number) => {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new ScanCommand({
          TableName: table.name,
          Segment: segment,
          TotalSegments: segments,
          ExclusiveStartKey: startKey,
          FilterExpression: '#entity = :lookup AND (contains(pk, :phone) OR contains(pk, :email))',
          ProjectionExpression: 'pk, sk',
          ExpressionAttributeNames: { '#entity': 'entity' },
          ExpressionAttributeValues: {
            ':lookup': lookupEntity.stored,
            ':phone': '#LOOKUP#phone#',
            ':email': '#LOOKUP#email#',
          },
        }),
      );
      const lookups = (page.Items ?? []) as ItemKey[];
      totals.lookupsRead += lookups.length;
      for (let i = 0; i < lookups.length; i += writeConcurrency) {
        const outcomes = await Promise.all(
          lookups.slice(i, i + writeConcurrency).map((lookup) => addLookupOwner(table, lookup)),
        );
        for (const outcome of outcomes) {
          if (outcome === 'added') totals.ownersWritten++;
          else totals.lookupsGone++;
        }
      }
      if (lookups.length > 0) options.onProgress?.({ ...totals });
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  };
  await Promise.all(Array.from({ length: segments }, (_, segment) => scanSegment(segment)));
  return totals;
}
