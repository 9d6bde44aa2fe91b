import type { User } from '#domain/users/user';
import { defineEntity } from '#table/core/entity';
import { folded, tenant, text } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A user's partition: the user and its token cutoff. */
export const userPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#USER#${text('userId')}`);

export const userEntity = /* @__PURE__ */ defineEntity<User>()(() => ({
  name: 'User',
  description:
    'A user of the tenant; its e-mail is guarded by a `Unique` item of kind `userEmail`, its history lives beside it.',
  key: { pk: userPartition, sk: key`USER` },
  indexes: { gsi2: { pk: key`T#${tenant}#USERS`, sk: key`${folded('email')}#${text('userId')}` } },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'consistent GetItem; GetItem of id and active (the user lookup of other modules; active account owners kept 10 s per container); ConditionCheck (active) in the transaction of an account given a new owner',
    },
    byEmail: { index: 'gsi2', sortKey: 'beginsWith', sortKeyFacets: ['email'], operation: 'Query' },
  },
}));

/** What the active-admins item holds besides its key. */
export interface ActiveAdmins {
  readonly adminIds: ReadonlySet<string>;
}

export const activeAdminsEntity = /* @__PURE__ */ defineEntity<ActiveAdmins>()(() => ({
  name: 'ActiveAdmins',
  description: 'The ids of the tenant’s active admins, a string set kept in step with every user write.',
  key: { pk: key`T#${tenant}#ADMINS`, sk: key`ADMINS` },
  patterns: {
    ofTenant: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; Update (ADD, or DELETE on a condition) in each user’s transaction',
    },
  },
}));

/** What a token-cutoff item holds besides its key. */
export interface TokenCutoff {
  /** Seconds since the epoch: the user's tokens issued (`iat`) before it are refused. */
  readonly notBefore: number;
}

export const tokenCutoffEntity = /* @__PURE__ */ defineEntity<TokenCutoff>()(() => ({
  name: 'TokenCutoff',
  description:
    'When the user was last deactivated or lost a role: its tokens issued before are refused. Written in that change’s transaction.',
  key: { pk: userPartition, sk: key`TOKENS` },
  patterns: {
    ofUser: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'consistent GetItem on authenticated requests, cached a few seconds per container (the handler shell); Put in the user’s transaction',
    },
  },
}));
