import type { ItemKey } from '#table/core/keys';

/**
 * Keys of the import module. An import lives in its own partition; its
 * history would sit beside it (`HISTORY#<eventId>`). Every partition key
 * starts with the tenant, taken from the verified token.
 */
const t = (tenantId: string) => `T#${tenantId}`;

export const importKeys = {
  job: (tenantId: string, importId: string): ItemKey => ({
    pk: `${t(tenantId)}#IMPORT#${importId}`,
    sk: 'IMPORT',
  }),
} as const;
