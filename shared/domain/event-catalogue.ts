import { accountEvents } from './accounts/account-events';
import { activityEvents } from './activities/activity-events';
import { attachmentEvents } from './attachments/attachment-events';
import { campaignEvents } from './campaigns/campaign-events';
import { commissionEvents } from './commissions/commission-events';
import { contractEvents } from './contracts/contract-events';
import { energyEvents } from './energy/energy-events';
import type { EventOf } from './event-definition';
import { exportEvents } from './exports/export-events';
import { fieldServiceEvents } from './field-service/field-service-events';
import { importEvents } from './import/import-events';
import { messageEvents } from './messaging/message-events';
import { newsletterEvents } from './newsletters/newsletter-events';
import { dealEvents } from './sales/deals/deal-events';
import { leadEvents } from './sales/leads/lead-events';
import { offerEvents } from './sales/offers/offer-events';
import { salesSettingsEvents } from './sales/sales-settings-events';
import { caseEvents } from './service/case-events';
import type { EventSource } from './service-context';
import { settingsEvents } from './settings/settings-events';
import { userEvents } from './users/user-events';

/** The events of each domain module, by the module's folder under `shared/domain/`. */
export const eventModules = {
  accounts: accountEvents,
  activities: activityEvents,
  attachments: attachmentEvents,
  messaging: messageEvents,
  settings: settingsEvents,
  import: importEvents,
  energy: energyEvents,
  users: userEvents,
  'sales/leads': leadEvents,
  'sales/deals': dealEvents,
  'sales/offers': offerEvents,
  sales: salesSettingsEvents,
  contracts: contractEvents,
  commissions: commissionEvents,
  exports: exportEvents,
  service: caseEvents,
  'field-service': fieldServiceEvents,
  newsletters: newsletterEvents,
  campaigns: campaignEvents,
};

/** Every domain event type, by name: what the outbox relays to the bus and the consumers read. */
export const eventCatalogue = {
  ...accountEvents,
  ...activityEvents,
  ...attachmentEvents,
  ...messageEvents,
  ...settingsEvents,
  ...importEvents,
  ...energyEvents,
  ...userEvents,
  ...leadEvents,
  ...dealEvents,
  ...offerEvents,
  ...salesSettingsEvents,
  ...contractEvents,
  ...commissionEvents,
  ...exportEvents,
  ...caseEvents,
  ...fieldServiceEvents,
  ...newsletterEvents,
  ...campaignEvents,
};

type Catalogue = typeof eventCatalogue;

export type EventName = keyof Catalogue;

/** Any event of the catalogue; `type` tells which, and with it the source, subject and payload. */
export type AnyDomainEvent = { [N in EventName]: EventOf<Catalogue, N> }[EventName];

/** The events of the names `N`: `DomainEventOf<'AccountCreated'>`. */
export type DomainEventOf<N extends EventName> = Extract<AnyDomainEvent, { readonly type: N }>;

/** The names of the events a bus source carries. */
export type EventNameOf<S extends EventSource> = {
  [N in EventName]: Catalogue[N]['source'] extends S ? N : never;
}[EventName];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(eventCatalogue, name);
}

export const eventNames: readonly EventName[] = Object.keys(eventCatalogue).filter(isEventName);

/** The names of the events of one bus source. */
export function eventNamesOf<S extends EventSource>(source: S): EventNameOf<S>[] {
  return eventNames.filter((name): name is EventNameOf<S> => eventCatalogue[name].source === source);
}
