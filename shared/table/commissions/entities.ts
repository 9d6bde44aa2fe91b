import type { Commission, CommissionGap } from '#domain/commissions/commission';
import type { RuleVersion } from '#domain/commissions/commission-rule';
import { defineEntity } from '#table/core/entity';
import { date, oneOf, padded, tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A commission's partition. */
export const commissionPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#COMMISSION#${text('commissionId')}`,
);

/** A commission rule's own partition: its history (its versions sit together in the rule set's). */
export const commissionRulePartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#COMMISSION-RULE#${text('ruleId')}`,
);

export const guardOutcomes = ['commission', 'gap'] as const;

export const commissionGuardEntity = /* @__PURE__ */ defineEntity<{
  readonly outcome: (typeof guardOutcomes)[number];
}>()(() => ({
  name: 'CommissionGuard',
  description:
    'Guard in the contract’s partition: what its signing produced, a commission or a gap. Put (absent, or a gap a commission replaces) in the transaction that writes it, so a contract earns one commission set however often `ContractSigned` arrives.',
  key: { pk: key`T#${tenant}#CONTRACT#${text('contractId')}`, sk: key`COMMISSION-GUARD` },
  patterns: {
    ofContract: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put in the recording transaction',
    },
  },
}));

export const commissionEntity = /* @__PURE__ */ defineEntity<Commission>()(() => ({
  name: 'Commission',
  description:
    'A contract’s commission with its participants, instalments and clawback entries; its id is the contract’s. In the tenant’s list (gsi2) with `members` for a seller’s filter.',
  key: { pk: commissionPartition, sk: key`COMMISSION` },
  indexes: { gsi2: { pk: key`T#${tenant}#COMMISSIONS`, sk: key`${ulid('commissionId')}` } },
  patterns: {
    byId: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
    all: { index: 'gsi2', order: 'descending', operation: 'Query (filtered to a seller’s own, or a state)' },
  },
}));

export const commissionGapEntity = /* @__PURE__ */ defineEntity<CommissionGap>()(() => ({
  name: 'CommissionGap',
  description: 'A signed contract that got no commission (no rule, no margin), for admins to see and retry.',
  key: { pk: key`T#${tenant}#COMMISSION-GAPS`, sk: key`${ulid('contractId')}` },
  patterns: {
    all: { index: 'table', order: 'descending', operation: 'Query, newest first' },
    byContract: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; Delete when a commission replaces it',
    },
  },
}));

export const commissionMonthEntity = /* @__PURE__ */ defineEntity<{ readonly commissionId: string }>()(
  () => ({
    name: 'CommissionMonth',
    description:
      'A commission with an instalment due in a month: what a month’s bulk approval, payment and payroll export read.',
    key: { pk: key`T#${tenant}#COMMISSION-MONTH#${date('month')}`, sk: key`${ulid('commissionId')}` },
    patterns: {
      ofMonth: { index: 'table', operation: 'Query, a page per call; Put with the commission' },
    },
  }),
);

export const commissionDueEntity = /* @__PURE__ */ defineEntity<{
  readonly tenantId: string;
  readonly commissionId: string;
}>()(() => ({
  name: 'CommissionDue',
  description:
    'A commission the daily job looks at on a day (an instalment falls due). One partition for every tenant, read by a day range; removed once the commission is written.',
  key: { pk: key`COMMISSIONS-DUE`, sk: key`${date('due')}#${text('tenantId')}#${text('commissionId')}` },
  patterns: {
    dueBy: {
      index: 'table',
      sortKey: 'before',
      sortKeyFacets: ['due'],
      operation: 'Query before the day after the job’s day, earliest first; Put with the commission',
    },
  },
}));

export const commissionDebtEntity = /* @__PURE__ */ defineEntity<{ readonly debtMinor: number }>()(() => ({
  name: 'CommissionDebt',
  description:
    'What a participant owes back from clawbacks: ADDed by a clawback, drawn down (never below 0) by the payments that settle it.',
  key: { pk: key`T#${tenant}#COMMISSION-DEBTS`, sk: key`${text('userId')}` },
  patterns: {
    ofUsers: {
      index: 'table',
      sortKey: 'equals',
      operation: 'BatchGetItem; ADD in the commission’s transaction',
    },
  },
}));

export const commissionRuleVersionEntity = /* @__PURE__ */ defineEntity<RuleVersion>()(() => ({
  name: 'CommissionRuleVersion',
  description:
    'One version of a commission rule; the tenant’s rules are one partition, read whole (a handful of rules).',
  key: { pk: key`T#${tenant}#COMMISSION-RULES`, sk: key`RULE#${ulid('ruleId')}#${padded('version', 4)}` },
  patterns: {
    all: {
      index: 'table',
      alsoReturns: ['CommissionRuleSet'],
      operation: 'consistent Query of the partition; Put (new version) with the rule set’s revision',
    },
  },
}));

export const commissionRuleSetEntity = /* @__PURE__ */ defineEntity<{ readonly revision: number }>()(() => ({
  name: 'CommissionRuleSet',
  description:
    'The revision of the tenant’s rule set: every save moves it conditionally, so two admins cannot save tying rules at once.',
  key: { pk: key`T#${tenant}#COMMISSION-RULES`, sk: key`REVISION` },
  patterns: {},
}));

export const ledgerKinds = ['PARTICIPANT', 'COMPANY'] as const;

export const commissionLedgerEntity = /* @__PURE__ */ defineEntity()(() => ({
  name: 'CommissionLedgerBucket',
  description:
    'A statement aggregate and its counters: a participant’s month (`<userId>#<month>`) or the company part of a month and product (`<month>#<productCode>`).',
  key: {
    pk: key`T#${tenant}#COMMISSION-LEDGER#${oneOf('kind', ledgerKinds)}`,
    sk: key`${text('position')}`,
  },
  patterns: {
    range: {
      index: 'table',
      sortKey: 'between',
      operation: 'one Query per statement or report; ADD in the event’s transaction',
    },
  },
}));
