import type { Change, GuardedField } from '#table/core/commit-change';
import type { TransactItem } from '#table/core/transact';

const keyOf = (item: TransactItem): string | undefined => {
  const key = item.Put?.Item ?? item.Delete?.Key ?? item.Update?.Key ?? item.ConditionCheck?.Key;
  return key ? `${String(key.pk)}\u0000${String(key.sk)}` : undefined;
};

/**
 * A claim the survivor takes over from the loser: instead of the loser's
 * release and the survivor's claim of the same guard item (DynamoDB takes one
 * write per item in a transaction), one Put that passes the item on only
 * while the loser still owns it. Anyone else owning it fails the claim: the
 * merge is refused naming the field.
 */
function takeOver(guard: GuardedField, released: ReadonlySet<string>, loserId: string): GuardedField {
  const { claimIndex } = guard.change;
  const items = guard.change.items.map((item, index) => {
    const put = item.Put;
    if (index !== claimIndex || !put || !released.has(keyOf(item) ?? '')) return item;
    return {
      Put: {
        ...put,
        ConditionExpression: 'ownerId = :previousOwner',
        ExpressionAttributeValues: { ':previousOwner': loserId },
      },
    };
  });
  return { ...guard, change: { ...guard.change, items } };
}

/**
 * The survivor's and the loser's changes of a merge made fit for one
 * transaction. Guard items the survivor claims from the loser pass over in
 * one write. An owners item (the owners of one phone or e-mail) both touch
 * keeps the survivor's ADD only: DynamoDB cannot ADD to and DELETE from one
 * set in one write, so the loser's stale entry there is removed by the merge
 * follow-up (ADR 0032); its lookup item, which identification reads, goes now.
 */
export function handedOver(survivor: Change, loser: Change, loserId: string): [Change, Change] {
  const survivorKeys = new Set(
    [...(survivor.guards ?? []).flatMap((g) => g.change.items), ...(survivor.lookups ?? [])].map(
      (item) => keyOf(item) ?? '',
    ),
  );
  const released = new Set<string>();
  const loserGuards = (loser.guards ?? []).map((guard) => {
    const items = guard.change.items.filter((item) => {
      const key = keyOf(item) ?? '';
      const passes = item.Delete !== undefined && survivorKeys.has(key);
      if (passes) released.add(key);
      return !passes;
    });
    return { ...guard, change: { items } };
  });
  return [
    { ...survivor, guards: (survivor.guards ?? []).map((g) => takeOver(g, released, loserId)) },
    {
      ...loser,
      guards: loserGuards,
      lookups: (loser.lookups ?? []).filter((item) => !(item.Update && survivorKeys.has(keyOf(item) ?? ''))),
    },
  ];
}
