import type { Page, PageRequest } from '#domain/ports';
import { queryPage } from '#table/core/query-page';
import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';
import { type CategoryMember, type CategoryMemberKind, categoryMemberEntity } from './entities';

/** A live account or contact and the categories it is in. */
export interface CategoryMembership {
  readonly tenantId: string;
  readonly kind: CategoryMemberKind;
  readonly id: string;
  /** A contact's account, so a listing can hide the contacts of a deleted account in the same read. */
  readonly accountId?: string;
  readonly categoryIds: readonly string[];
}

/**
 * The writes that move a member's category items from `before` to `after`
 * (undefined: not a live member of any category), for the transaction of
 * the member's own change: removed categories are deleted, added ones put;
 * a contact that moved to another account has every item rewritten.
 */
export function membershipChanges(
  table: Table,
  before: CategoryMembership | undefined,
  after: CategoryMembership | undefined,
): TransactItem[] {
  const items: TransactItem[] = [];
  const kept = new Set(after?.categoryIds);
  const had = new Set(before?.categoryIds);
  for (const categoryId of before?.categoryIds ?? []) {
    if (!kept.has(categoryId) && before) {
      const key = { tenantId: before.tenantId, categoryId, kind: before.kind, memberId: before.id };
      items.push(deleteItem(table, categoryMemberEntity.key(key)));
    }
  }
  const rewriteAll = before !== undefined && after !== undefined && before.accountId !== after.accountId;
  for (const categoryId of after?.categoryIds ?? []) {
    if (!after || (had.has(categoryId) && !rewriteAll)) continue;
    const member: CategoryMember = {
      kind: after.kind,
      id: after.id,
      categoryId,
      ...(after.accountId ? { accountId: after.accountId } : {}),
    };
    const key = { tenantId: after.tenantId, categoryId, kind: after.kind, memberId: after.id };
    items.push({ Put: { TableName: table.name, Item: categoryMemberEntity.item(member, { key }) } });
  }
  return items;
}

/** One page of a category's members of one kind, in id order. */
export function categoryMemberPage(
  table: Table,
  tenantId: string,
  categoryId: string,
  kind: CategoryMemberKind,
  page: PageRequest,
): Promise<Page<CategoryMember>> {
  return queryPage<CategoryMember>(
    table,
    categoryMemberEntity.patterns.membersOfCategory.query({ tenantId, categoryId, kind }),
    page,
  );
}
