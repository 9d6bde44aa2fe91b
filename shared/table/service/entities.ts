import type { Case, CaseMessage } from '#domain/service/case';
import type { CaseSummary, StoredServiceSettings } from '#domain/service/case-store';
import type { RejectedMail } from '#domain/service/channel-routes';
import type { Entitlement } from '#domain/service/entitlement';
import { accountPartition } from '#table/accounts/entities';
import { defineEntity } from '#table/core/entity';
import { date, oneOf, padded, tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A case's partition: the case and its thread. */
export const casePartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#CASE#${text('caseId')}`);

export const caseEntity = /* @__PURE__ */ defineEntity<Case>()(() => ({
  name: 'Case',
  description:
    'A customer-service case; while open, in its account’s collection (gsi1) for the account view; always in the tenant’s case list (gsi2). Case ids are ULIDs.',
  key: { pk: casePartition, sk: key`CASE` },
  indexes: {
    gsi1: { pk: accountPartition, sk: key`CASE#${ulid('caseId')}` },
    gsi2: { pk: key`T#${tenant}#CASES`, sk: key`${ulid('caseId')}` },
  },
  patterns: {
    byId: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
    all: {
      index: 'gsi2',
      order: 'descending',
      operation: 'Query, newest first (filtered by status, team or account)',
    },
  },
}));

export const caseMessageEntity = /* @__PURE__ */ defineEntity<CaseMessage>()(() => ({
  name: 'CaseMessage',
  description:
    'One message of a case’s thread (inbound, outbound, note), beside the case; written in the case’s transaction.',
  key: { pk: casePartition, sk: key`MSG#${ulid('messageId')}` },
  patterns: {
    thread: { index: 'table', sortKey: 'beginsWith', operation: 'Query, oldest first' },
    latest: {
      index: 'table',
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'Query, newest first, one page (the mails a reply refers to)',
    },
  },
}));

export const caseSequenceEntity = /* @__PURE__ */ defineEntity<{ readonly last: number }>()(() => ({
  name: 'CaseSequence',
  description:
    'The tenant’s case numbers: `last` is the number given last, moved on only in the transaction that creates the case, so numbers have no gaps.',
  key: { pk: key`T#${tenant}#CASESEQ`, sk: key`CASESEQ` },
  patterns: {
    ofTenant: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; conditional Put (last = the value read) in the creating transaction',
    },
  },
}));

export const caseNumberEntity = /* @__PURE__ */ defineEntity<{ readonly caseId: string }>()(() => ({
  name: 'CaseNumber',
  description: 'A case number’s case: what the `[#C-1234]` token of a mail subject finds.',
  key: { pk: key`T#${tenant}#CASENO#${padded('number', 9)}`, sk: key`CASENO` },
  patterns: {
    ofNumber: { index: 'table', sortKey: 'equals', operation: 'GetItem; Put in the creating transaction' },
  },
}));

export const caseReferenceEntity = /* @__PURE__ */ defineEntity<{ readonly caseId: string }>()(() => ({
  name: 'CaseReference',
  description:
    'A channel message id that belongs to a case: an inbound mail’s Message-ID (replies refer to it) or a social message id. Put only if absent in the transaction that threads the message, so a redelivery finds it and stops.',
  key: { pk: key`T#${tenant}#CASEREF#${text('reference')}`, sk: key`CASEREF` },
  patterns: {
    ofReference: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; conditional Put in the case’s transaction',
    },
  },
}));

export const caseConversationEntity = /* @__PURE__ */ defineEntity<{ readonly caseId: string }>()(() => ({
  name: 'CaseConversation',
  description:
    'The case a social conversation (platform, page, sender) follows now; moved to a new case when the old one is closed.',
  key: { pk: key`T#${tenant}#CASECONV#${text('conversationKey')}`, sk: key`CASECONV` },
  patterns: {
    ofConversation: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; Put in the opening transaction',
    },
  },
}));

export const caseQueueKinds = ['OWNER', 'TEAM', 'DUE'] as const;

export const caseQueueEntryEntity = /* @__PURE__ */ defineEntity<CaseSummary>()(() => ({
  name: 'CaseQueueEntry',
  description:
    'An open case in a queue, with the summary a row shows: its owner’s (`OWNER#<user>`), else its team’s unassigned cases (`TEAM#<team>`, `-` without a team), and every case with a running target in `DUE#-`. Sorted by the earliest due time (`~` when no target runs). Put and deleted in the case’s transaction.',
  key: {
    pk: key`T#${tenant}#CASEQ#${oneOf('queue', caseQueueKinds)}#${text('holder')}`,
    sk: key`${date('dueAt')}#${text('caseId')}`,
  },
  patterns: {
    queue: {
      index: 'table',
      order: 'ascending',
      operation: 'Query, soonest due first, one page (the agent and team views)',
    },
    dueBefore: {
      index: 'table',
      sortKey: 'before',
      sortKeyFacets: ['dueAt'],
      fixed: { queue: 'DUE', holder: '-' },
      operation: 'Query up to a time, soonest first (cases breaching within N minutes)',
    },
  },
}));

export const teamLoadEntity = /* @__PURE__ */ defineEntity<{ readonly lastAssigned?: string }>()(() => ({
  name: 'TeamLoad',
  description:
    'A team’s open cases per member (`open_<userId>` counters, moved with ADD in the case’s transactions; an assignment by the team’s method is conditional on the member’s capacity) and who got the last case (round-robin).',
  key: { pk: key`T#${tenant}#TEAMLOAD#${text('teamId')}`, sk: key`TEAMLOAD` },
  patterns: {
    ofTeam: { index: 'table', sortKey: 'equals', operation: 'GetItem; Update in the case’s transaction' },
  },
}));

export const openCasesEntity = /* @__PURE__ */ defineEntity<Record<string, never>>()(() => ({
  name: 'OpenCases',
  description:
    'The open cases of a contact (in the contact’s partition) or an account (in the account’s): one `case_<caseId>` attribute holding its summary per open case, set and removed in the case’s transactions. Caller identification reads it in its one BatchGetItem.',
  key: {
    pk: key`T#${tenant}#${oneOf('holder', ['CONTACT', 'ACCOUNT'])}#${text('holderId')}`,
    sk: key`OPENCASES`,
  },
  patterns: {
    ofHolder: {
      index: 'table',
      sortKey: 'equals',
      operation:
        'BatchGetItem with the contacts and accounts identified; GetItem of a merged contact’s (the merge follow-up)',
    },
  },
}));

export const serviceSettingsEntity = /* @__PURE__ */ defineEntity<StoredServiceSettings>()(() => ({
  name: 'ServiceSettings',
  description:
    'The tenant’s customer-service set-up: case types, calendars, support levels, SLA policies, teams, routing rules, channels.',
  key: { pk: key`T#${tenant}#SERVICESETTINGS`, sk: key`SERVICESETTINGS` },
  patterns: {
    ofTenant: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
  },
}));

export const entitlementEntity = /* @__PURE__ */ defineEntity<Entitlement>()(() => ({
  name: 'Entitlement',
  description:
    'A support level an account bought (alone or with a contract) for a period, in the account’s partition.',
  key: { pk: accountPartition, sk: key`ENTITLEMENT#${ulid('entitlementId')}` },
  patterns: {
    ofAccount: { index: 'table', sortKey: 'beginsWith', operation: 'Query (opening a case)' },
  },
}));

export const channelRouteKinds = ['MAILBOX', 'FORM', 'PAGE'] as const;

export const channelRouteEntity = /* @__PURE__ */ defineEntity<{ readonly tenantId: string }>()(() => ({
  name: 'ChannelRoute',
  description:
    'The tenant of a service channel’s address: a mailbox address, a web form’s key, a social page (`<platform>:<pageId>`). Channels name no tenant, so these do; claimed when the service settings are saved (another tenant’s claim is a 409).',
  key: { pk: key`SERVICE-ROUTE#${oneOf('kind', channelRouteKinds)}#${text('address')}`, sk: key`ROUTE` },
  patterns: {
    ofAddress: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; conditional Put and Delete with the settings',
    },
  },
}));

export const rejectedMailEntity = /* @__PURE__ */ defineEntity<RejectedMail>()(() => ({
  name: 'RejectedMail',
  description:
    'Inbound mail that became no case (malformed, too large, a dangerous attachment, an unknown recipient, an automatic reply to nothing), with the reason; the raw message stays in the bucket. Per tenant, `-` when none could be told.',
  key: { pk: key`MAIL-REJECTED#${text('tenantOrDash')}`, sk: key`${ulid('rejectedId')}` },
  patterns: {
    ofTenant: { index: 'table', order: 'descending', operation: 'Query, newest first' },
  },
}));
