import type { ItemKey } from '#table/core/keys';

/** Who can be a member of a category. */
export type CategoryMemberKind = 'ACCOUNT' | 'CONTACT';

const t = (tenantId: string) => `T#${tenantId}`;

/**
 * Keys of the accounts module added with the CRM core. Like every key, each
 * partition starts with the tenant (`T#<tenantId>#`).
 */
export const accountsExtraKeys = {
  /**
   * "List accounts (or contacts) by category" (R-ST-1): one membership item
   * per category and member, in the category's partition, sorted by the
   * member's id (a ULID, so in creation order).
   */
  categoryMembers: (tenantId: string, categoryId: string) => `${t(tenantId)}#CATEGORY#${categoryId}`,
  categoryMemberPrefix: (kind: CategoryMemberKind) => `${kind}#`,
  categoryMember: (tenantId: string, categoryId: string, kind: CategoryMemberKind, id: string): ItemKey => ({
    pk: `${t(tenantId)}#CATEGORY#${categoryId}`,
    sk: `${kind}#${id}`,
  }),
} as const;
