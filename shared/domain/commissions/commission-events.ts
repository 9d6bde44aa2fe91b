import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Commission, CommissionGap } from './commission';
import type { RuleVersion } from './commission-rule';

const commissions = eventsOf(eventSources.commissions);

/**
 * Each change carries the commission before and after: the statements'
 * projection adds the difference, so deliveries in any order sum alike.
 */
const commission = entity<Commission>('Commission');
const previous = entity<Commission>('Commission');
const gap = entity<CommissionGap>('CommissionGap', { key: 'contractId' });
const rule = entity<RuleVersion>('CommissionRuleVersion', { key: 'ruleId' });

export const instalmentChanges = ['due', 'approved', 'held', 'released', 'paid'] as const;

/** Commissions of signed contracts, their instalments and clawbacks (R-CM-1…R-CM-4). */
export const commissionEvents = {
  CommissionGenerated: commissions({
    when: 'a signed contract earned a commission under the rule in force on its signing day',
    subjects: ['commission'],
    data: z.object({ commission }),
  }),
  CommissionNotGenerated: commissions({
    when: 'a signed contract matched no commission rule, or a margin-share rule found no margin',
    subjects: ['contract'],
    data: z.object({ gap }),
  }),
  CommissionInstalmentsChanged: commissions({
    when: 'instalments became due (daily job), or were approved, held, released or paid by an admin',
    subjects: ['commission'],
    data: z.object({ commission, previous, change: z.enum(instalmentChanges) }),
  }),
  CommissionClawedBack: commissions({
    when: 'the contract was withdrawn or terminated within the clawback window: open instalments cancelled, paid ones clawed back',
    subjects: ['commission'],
    data: z.object({ commission, previous }),
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
