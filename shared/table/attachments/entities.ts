import type { Attachment } from '#domain/attachments/attachment';
import { subjectPartitionKey } from '#table/core/entities';
import { defineEntity } from '#table/core/entity';
import { ulid } from '#table/core/facets';
import { key } from '#table/core/key-template';

export const attachmentEntity = /* @__PURE__ */ defineEntity<Attachment>()(() => ({
  name: 'Attachment',
  description:
    'A file’s metadata in its subject’s partition (ids are ULIDs); a pending one expires after 24 h (TTL).',
  key: { pk: subjectPartitionKey, sk: key`ATTACHMENT#${ulid('attachmentId')}` },
  patterns: {
    byId: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
    ofSubject: {
      index: 'table',
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'Query, read on until the page is full (filter: stored)',
    },
  },
}));
