import type { Contract, ContractTransition } from '#domain/contracts/contract';
import type { ContractSettings } from '#domain/contracts/contract-settings';
import type { PrintBatch } from '#domain/contracts/print-batch';
import { accountPartition } from '#table/accounts/entities';
import { defineEntity } from '#table/core/entity';
import { date, oneOf, padded, tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A contract's partition: the contract and its transitions. */
export const contractPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#CONTRACT#${text('contractId')}`,
);

export const contractEntity = /* @__PURE__ */ defineEntity<Contract>()(() => ({
  name: 'Contract',
  description:
    'A contract, in its account’s collection (gsi1, beside contacts and supply points) and the tenant’s contract list (gsi2); contract ids are ULIDs.',
  key: { pk: contractPartition, sk: key`CONTRACT` },
  indexes: {
    gsi1: { pk: accountPartition, sk: key`CONTRACT#${ulid('contractId')}` },
    gsi2: { pk: key`T#${tenant}#CONTRACTS`, sk: key`${ulid('contractId')}` },
  },
  patterns: {
    withHistory: {
      index: 'table',
      alsoReturns: ['ContractTransition'],
      operation: 'consistent Query (the contract sorts before its transitions); versioned Put',
    },
    byId: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem' },
    ofAccount: { index: 'gsi1', sortKey: 'beginsWith', order: 'descending', operation: 'Query' },
    all: {
      index: 'gsi2',
      order: 'descending',
      operation: 'Query (filtered to the caller’s deals for sellers)',
    },
  },
}));

export const contractTransitionEntity = /* @__PURE__ */ defineEntity<ContractTransition>()(() => ({
  name: 'ContractTransition',
  description: 'One transition of a contract, beside it, numbered by the contract version that made it.',
  key: { pk: contractPartition, sk: key`TRANSITION#${padded('version', 6)}` },
  patterns: {},
}));

export const contractSequenceEntity = /* @__PURE__ */ defineEntity<{ readonly last: number }>()(() => ({
  name: 'ContractSequence',
  description:
    'The tenant’s contract numbers of a year: `last` is the number given last; moved on only in the transaction that creates the contract, so numbers have no gaps.',
  key: { pk: key`T#${tenant}#CONTRACTSEQ#${text('year')}`, sk: key`CONTRACTSEQ` },
  patterns: {
    ofYear: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; conditional Put (last = the value read) in the creating transaction',
    },
  },
}));

export const contractOfOfferEntity = /* @__PURE__ */ defineEntity<{ readonly ownerId: string }>()(() => ({
  name: 'ContractOfOffer',
  description: 'Guard: the one contract made from an accepted offer version.',
  key: { pk: key`T#${tenant}#OFFER#${text('offerId')}`, sk: key`CONTRACT#${padded('versionNumber', 6)}` },
  patterns: {
    ofOfferVersion: {
      index: 'table',
      sortKey: 'equals',
      operation: 'conditional Put in the creating transaction; consistent GetItem when it fails',
    },
  },
}));

export const signingCallbackEntity = /* @__PURE__ */ defineEntity<{
  readonly tenantId: string;
  readonly contractId: string;
}>()(() => ({
  name: 'SigningCallback',
  description:
    'A contract’s e-signature callback route, keyed by the SHA-256 of its unguessable token: the callback’s URL names no tenant, so this item does.',
  key: { pk: key`WEBHOOK#ESIGN#${text('tokenHash')}`, sk: key`ROUTE` },
  patterns: {
    ofToken: { index: 'table', sortKey: 'equals', operation: 'GetItem; Put in the send’s transaction' },
  },
}));

export const contractDueKinds = ['RECHECK', 'RENEWAL', 'END', 'PRINT'] as const;

export const contractDueEntity = /* @__PURE__ */ defineEntity<{
  readonly tenantId: string;
  readonly contractId: string;
}>()(() => ({
  name: 'ContractDue',
  description:
    'A contract the daily jobs must look at on a day: `RECHECK` a sent contract whose callback may be lost, `RENEWAL` a fixed-term one nearing its end, `END` one whose last day has passed, `PRINT` a paper one sent, for the next print batch. One partition per kind for every tenant, read by a day range; written and removed with the contract.',
  key: {
    pk: key`CONTRACTS-DUE#${oneOf('kind', contractDueKinds)}`,
    sk: key`${date('due')}#${text('tenantId')}#${text('contractId')}`,
  },
  patterns: {
    dueBy: {
      index: 'table',
      sortKey: 'before',
      sortKeyFacets: ['due'],
      operation:
        'Query before the day after the job’s day, earliest first (the daily jobs); Put/Delete in the contract’s transaction',
    },
  },
}));

export const contractSettingsEntity = /* @__PURE__ */ defineEntity<ContractSettings>()(() => ({
  name: 'ContractSettings',
  description:
    'The tenant’s contract rules: language, proposer, signing order, supply-start rules, terms and templates.',
  key: { pk: key`T#${tenant}#CONTRACTSETTINGS`, sk: key`CONTRACTSETTINGS` },
  patterns: {
    ofTenant: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem; versioned Put' },
  },
}));

export const printBatchEntity = /* @__PURE__ */ defineEntity<PrintBatch>()(() => ({
  name: 'PrintBatch',
  description:
    'A day’s paper contracts of a tenant, collected for printing: the cover sheet and the manifest in the files bucket.',
  key: { pk: key`T#${tenant}#PRINTBATCHES`, sk: key`${date('day')}` },
  patterns: {
    ofTenant: { index: 'table', order: 'descending', operation: 'Query, newest first; Put by the daily job' },
    byDay: { index: 'table', sortKey: 'equals', operation: 'GetItem' },
  },
}));
