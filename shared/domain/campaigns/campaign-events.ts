import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Campaign } from './campaign';

const campaigns = eventsOf(eventSources.campaigns);

const withCampaign = z.object({ campaign: entity<Campaign>('Campaign') });

/** Each carries the campaign after the change (every function bundles the catalogue: kept small). */
const campaignEvent = (when: string) => campaigns({ when, subjects: ['campaign'], data: withCampaign });

/** Marketing campaigns (R-MK-1); their funnel is kept from the sales and contract events. */
export const campaignEvents = {
  CampaignCreated: campaignEvent('a campaign was set up'),
  CampaignUpdated: campaignEvent('a campaign was changed'),
  CampaignDeleted: campaignEvent('a campaign was deleted; its code stays taken'),
};

export const newCampaignEvent = eventFactory(campaignEvents);
