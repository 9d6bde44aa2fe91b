import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Lead } from './lead';
import type { LeadSource } from './lead-source';

const sales = eventsOf(eventSources.sales);

const lead = entity<Lead>('Lead', { apiSchema: 'LeadView' });

/** A change of a lead carries it before and after, so the reports move by the difference. */
const leadChange = z.object({
  lead,
  previous: lead,
  /** The user group a routed lead went to. */
  groupId: z.string().min(1).optional(),
});

const withLeadSource = z.object({ leadSource: entity<LeadSource>('LeadSource') });

/** Leads, their lifecycle and the lead platforms that deliver them. */
export const leadEvents = {
  LeadCreated: sales({
    when: 'a lead is created by hand or by a lead source’s webhook',
    subjects: ['lead'],
    data: z.object({ lead }),
  }),
  LeadUpdated: sales({
    when: 'what a lead says about the prospect changes, or it goes back to the pool',
    subjects: ['lead'],
    data: leadChange,
  }),
  LeadStageChanged: sales({
    when: 'a lead moves to another lifecycle stage (by hand, or qualified by its score)',
    subjects: ['lead'],
    data: leadChange,
  }),
  LeadEngagementRecorded: sales({
    when: 'the prospect opened an e-mail or met the sales team',
    subjects: ['lead'],
    data: leadChange,
  }),
  LeadScored: sales({ when: 'a lead’s score changes', subjects: ['lead'], data: leadChange }),
  LeadRouted: sales({
    when: 'a lead gets an owner, by the routing rules or by hand',
    subjects: ['lead'],
    data: leadChange,
  }),
  LeadConverted: sales({
    when: 'a lead is converted into an account, a contact, a deal and maybe a supply point',
    subjects: ['lead'],
    data: leadChange,
  }),
  LeadSourceCreated: sales({
    when: 'a lead platform is registered',
    subjects: ['leadSource'],
    data: withLeadSource,
  }),
  LeadSourceUpdated: sales({
    when: 'a lead platform changes',
    subjects: ['leadSource'],
    data: withLeadSource,
  }),
};

/** The changes of a lead written by the lead service: each carries the lead before and after. */
export type LeadChangeEvent =
  | 'LeadUpdated'
  | 'LeadStageChanged'
  | 'LeadEngagementRecorded'
  | 'LeadScored'
  | 'LeadRouted'
  | 'LeadConverted';

export const newLeadEvent = eventFactory(leadEvents);
