import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Campaign } from './campaign';

const campaigns = eventsOf(eventSources.campaigns);

const withCampaign = z.object({ campaign: entity<Campaign>('Campaign') });

/** Marketing campaigns (R-MK-1); their funnel is kept from the sales and contract events. */
export const campaignEvents = {
  CampaignCreated: campaigns({
    when: 'a user set up a marketing campaign with its codes, period and budget',
    subjects: ['campaign'],
    data: withCampaign,
  }),
  CampaignUpdated: campaigns({
    when: 'a campaign’s name, channel, period, budget, source or medium changed',
    subjects: ['campaign'],
    data: withCampaign,
  }),
  CampaignDeleted: campaigns({
    when: 'a user deleted a campaign; its code stays taken, so its counts go to no other campaign',
    subjects: ['campaign'],
    data: withCampaign,
  }),
};

export const newCampaignEvent = eventFactory(campaignEvents);
