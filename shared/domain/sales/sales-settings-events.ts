import * as z from 'zod';
import { eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import { salesSections } from './sales-settings';

const sales = eventsOf(eventSources.sales);

/** The tenant's sales rules. */
export const salesSettingsEvents = {
  SalesSettingsChanged: sales({
    when: 'an admin replaces the sales rules; consumers read the rules themselves',
    subjects: ['setting'],
    data: z.object({ version: z.int().positive(), changed: z.array(z.enum(salesSections)).readonly() }),
  }),
};

export const newSalesSettingsEvent = eventFactory(salesSettingsEvents);
