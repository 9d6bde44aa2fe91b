import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { ClawbackEntry, Commission, CommissionGap, Instalment } from './commission';
import { contributions, ledgerMoves } from './commission-ledger';
import type { RuleVersion } from './commission-rule';

const commissions = eventsOf(eventSources.commissions);

/**
 * A new commission travels whole; a change carries what changed and the
 * statements' ledger moves it makes (the difference of what the commission
 * contributes before and after), so its size does not grow with the
 * commission's and deliveries in any order sum alike.
 */
const commission = entity<Commission>('Commission');
const gap = entity<CommissionGap>('CommissionGap', { key: 'contractId' });
const rule = entity<RuleVersion>('CommissionRuleVersion', { key: 'ruleId' });
const instalment = entity<Instalment>('CommissionInstalment');
const clawback = entity<ClawbackEntry>('CommissionClawbackEntry', { key: 'userId', apiSchema: false });

const ledger = z
  .array(
    z.object({
      bucket: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('participant'), userId: z.string(), month: z.string() }),
        z.object({ kind: z.literal('company'), month: z.string(), productCode: z.string() }),
      ]),
      amounts: z.record(z.string(), z.int()),
    }),
  )
  .meta({ description: 'What the change adds to the statements’ counters.' });

const changed = { commissionId: z.string(), contractId: z.string(), version: z.int(), ledger };

export const instalmentChanges = ['due', 'approved', 'held', 'released', 'paid'] as const;

/** Commissions of signed contracts, their instalments and clawbacks (R-CM-1…R-CM-4). */
export const commissionEvents = {
  CommissionGenerated: commissions({
    when: 'a signed contract earned a commission under the rule in force on its signing day',
    subjects: ['commission'],
    data: z.object({ commission, ledger }),
  }),
  CommissionNotGenerated: commissions({
    when: 'a signed contract matched no commission rule, or a margin-share rule found no margin',
    subjects: ['contract'],
    data: z.object({ gap }),
  }),
  CommissionInstalmentsChanged: commissions({
    when: 'instalments became due (daily job), or were approved, held, released or paid by an admin',
    subjects: ['commission'],
    data: z.object({ ...changed, change: z.enum(instalmentChanges), instalments: z.array(instalment) }),
  }),
  CommissionClawedBack: commissions({
    when: 'the contract was withdrawn or terminated within the clawback window: open instalments cancelled, paid ones clawed back',
    subjects: ['commission'],
    data: z.object({
      ...changed,
      reason: z.string(),
      clawbacks: z.array(clawback),
      companyClawbackMinor: z.int(),
      cancelledInstalmentIds: z.array(z.string()),
    }),
  }),
  CommissionRuleChanged: commissions({
    when: 'an admin created a commission rule, saved a new version of it or retired it',
    subjects: ['commissionRule'],
    data: z.object({ rule }),
  }),
};

export const newCommissionEvent = eventFactory(commissionEvents);

export const commissionSubject = (c: Pick<Commission, 'id' | 'accountId'>) => ({
  type: 'commission' as const,
  id: c.id,
  accountId: c.accountId,
});

/** What `CommissionGenerated` carries: the commission, and all it adds to the statements. */
export const generatedData = (c: Commission) => ({ commission: c, ledger: contributions(c) });

/** What a change of `previous` into `next` carries: the changed instalments and the ledger moves. */
export const changeData = (previous: Commission, next: Commission) => {
  const before = new Map(previous.instalments.map((i) => [i.id, i]));
  return {
    commissionId: next.id,
    contractId: next.contractId,
    version: next.version,
    ledger: ledgerMoves(previous, next),
    instalments: next.instalments.filter((i) => JSON.stringify(before.get(i.id)) !== JSON.stringify(i)),
  };
};
