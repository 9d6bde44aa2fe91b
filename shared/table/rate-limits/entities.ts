import type { BucketState } from '#domain/rate-limits/token-bucket';
import { defineEntity } from '#table/core/entity';
import { tenant } from '#table/core/facets';
import { key } from '#table/core/key-template';

/** What a tenant's rate bucket holds besides its key (and `expiresAt`, a day after its last use). */
export interface RateBucket extends BucketState {
  readonly version: number;
}

export const rateBucketEntity = /* @__PURE__ */ defineEntity<RateBucket>()(() => ({
  name: 'RateBucket',
  description:
    'The tenant’s token bucket of API requests: tokens in thousandths and when they were counted; gone a day after its last use.',
  key: { pk: key`T#${tenant}#RATE`, sk: key`RATE` },
  patterns: {
    ofTenant: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'GetItem, then Put conditional on the version read, when the handler shell leases a few of the tenant’s tokens, each lease serving up to ten authenticated requests of a container',
    },
  },
}));
