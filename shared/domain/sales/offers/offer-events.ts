import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Offer, OfferVersion } from './offer';

const sales = eventsOf(eventSources.sales);

const offer = entity<Offer>('Offer');
const version = entity<OfferVersion>('OfferVersion', { key: 'number' });
/** Versions are numbered 1, 2, 3 … */
const versionNumber = z.int().positive();

/** Offers of deals and their versions. */
export const offerEvents = {
  OfferCreated: sales({
    when: 'an offer of a deal is made, its first version a draft',
    subjects: ['offer'],
    data: z.object({ offer, version }),
  }),
  OfferVersionCreated: sales({
    when: 'a new draft version of an offer is made; a draft before it is superseded',
    subjects: ['offer'],
    data: z.object({ offer, version, supersededVersion: versionNumber.optional() }),
  }),
  OfferVersionSent: sales({
    when: 'a draft version is sent to the customer; versions sent before are superseded',
    subjects: ['offer'],
    data: z.object({ offer, version, supersededVersions: z.array(versionNumber).readonly() }),
  }),
  OfferAccepted: sales({
    when: 'a sent version is accepted; its deal is won in the same transaction',
    subjects: ['offer'],
    data: z.object({
      offerId: z.string().min(1),
      dealId: z.string().min(1),
      accountId: z.string().min(1),
      versionNumber,
      version,
    }),
  }),
};

export const newOfferEvent = eventFactory(offerEvents);
