import type { ItemKey } from '#table/core/keys';

/**
 * Keys of attachment metadata. Each attachment lives in the partition of the
 * subject it hangs on (`subjectPartition`, which starts with `T#<tenantId>#`),
 * sorted by its ULID, so a subject's attachments are one Query, newest first.
 */
export const attachmentKeys = {
  prefix: 'ATTACHMENT#',
  attachment: (subjectPk: string, attachmentId: string): ItemKey => ({
    pk: subjectPk,
    sk: `ATTACHMENT#${attachmentId}`,
  }),
} as const;
