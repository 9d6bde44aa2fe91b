import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Deal } from './deal';

const sales = eventsOf(eventSources.sales);

const deal = entity<Deal>('Deal');

/** Deals; a change carries the deal before and after, so the forecast moves by the difference. */
export const dealEvents = {
  DealCreated: sales({
    when: 'a deal is created (also by a lead conversion)',
    subjects: ['deal'],
    data: z.object({ deal }),
  }),
  DealUpdated: sales({
    when: 'fields of a deal change, but not its stage',
    subjects: ['deal'],
    data: z.object({ deal, previous: deal }),
  }),
  DealStageChanged: sales({
    when: 'a deal moves to another stage, won and lost included',
    subjects: ['deal'],
    data: z.object({ deal, previous: deal }),
  }),
};

export const newDealEvent = eventFactory(dealEvents);
