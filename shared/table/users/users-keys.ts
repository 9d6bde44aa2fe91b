import type { ItemKey } from '#table/core/keys';

const t = (tenantId: string) => `T#${tenantId}`;

/** The keys of the users module; each partition starts with the tenant. */
export const usersKeys = {
  /** A user's record; its history lives in the same partition. */
  user: (tenantId: string, userId: string): ItemKey => ({ pk: `${t(tenantId)}#USER#${userId}`, sk: 'USER' }),

  /** gsi2: the tenant's users, sorted by folded e-mail. */
  userList: (tenantId: string) => `${t(tenantId)}#USERS`,

  /**
   * Guard item: one user per e-mail and tenant. The same layout as the
   * table's other guard items (`keys.unique`), with the kind `userEmail`.
   */
  emailGuard: (tenantId: string, email: string): ItemKey => ({
    pk: `${t(tenantId)}#UNIQUE#userEmail#${email}`,
    sk: 'UNIQUE',
  }),

  /** The ids of the tenant's active admins, a string set kept in step with every user write. */
  activeAdmins: (tenantId: string): ItemKey => ({ pk: `${t(tenantId)}#ADMINS`, sk: 'ADMINS' }),
} as const;
