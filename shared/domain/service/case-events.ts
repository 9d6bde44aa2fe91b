import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Case, CaseMessage } from './case';
import type { Entitlement } from './entitlement';

const service = eventsOf(eventSources.service);

/** Every case event carries the case after the change, so consumers need no read. */
const serviceCase = entity<Case>('Case');
const message = entity<CaseMessage>('CaseMessage');
const targetName = z.enum(['firstResponse', 'resolution']);

/** Customer service: cases, their threads and clocks, and the set-up they follow. */
export const caseEvents = {
  CaseOpened: service({
    when: 'a case was opened by an agent, an inbound mail, the web form or a social message; routed and its clocks started',
    subjects: ['case'],
    data: z.object({ case: serviceCase }),
  }),
  CaseUpdated: service({
    when: 'a user changed a case’s subject, description, type, priority, tags or links',
    subjects: ['case'],
    data: z.object({ case: serviceCase }),
  }),
  CaseAssigned: service({
    when: 'a case moved to another owner or team: by a user, by routing or by escalation',
    subjects: ['case'],
    data: z.object({ case: serviceCase }),
  }),
  CaseStatusChanged: service({
    when: 'a case’s status changed (waiting, resolved, closed, reopened); the clocks paused, resumed or stopped',
    subjects: ['case'],
    data: z.object({ case: serviceCase, from: z.string(), to: z.string() }),
  }),
  CaseMessageAdded: service({
    when: 'a message joined a case’s thread: an inbound mail or social message, a reply sent, an internal note',
    subjects: ['case'],
    data: z.object({ case: serviceCase, message }),
  }),
  CaseSlaWarning: service({
    when: 'a case’s target reached its warning time while still open',
    subjects: ['case'],
    data: z.object({ case: serviceCase, target: targetName }),
  }),
  CaseSlaBreached: service({
    when: 'a case’s target passed its due time unmet; the policy’s escalation followed',
    subjects: ['case'],
    data: z.object({
      case: serviceCase,
      target: targetName,
      escalation: z.object({
        notified: z.array(z.string()),
        priorityRaised: z.boolean(),
        movedToTeamId: z.string().optional(),
      }),
    }),
  }),
  ServiceSettingsChanged: service({
    when: 'an admin replaced the tenant’s service settings (calendars, levels, policies, teams, routing)',
    subjects: ['setting'],
    data: z.object({ version: z.int().positive() }),
  }),
  EntitlementAdded: service({
    when: 'an account (or one of its contracts) got a support level for a period',
    subjects: ['account'],
    data: z.object({ entitlement: entity<Entitlement>('Entitlement') }),
  }),
  EntitlementRemoved: service({
    when: 'an admin removed an entitlement',
    subjects: ['account'],
    data: z.object({ entitlement: entity<Entitlement>('Entitlement') }),
  }),
};

export const newCaseEvent = eventFactory(caseEvents);
