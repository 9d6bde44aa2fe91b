import type { RouteContract } from '../http/route';
import { accountRoutes } from './accounts-routes';
import { activityRoutes } from './activities-routes';
import { attachmentRoutes } from './attachments-routes';
import { dealRoutes } from './deals-routes';
import { docsRoutes } from './docs-routes';
import { energyRoutes } from './energy-routes';
import { importRoutes } from './import-routes';
import { journeyRoutes } from './journeys-routes';
import { leadSourceRoutes } from './lead-sources-routes';
import { leadRoutes } from './leads-routes';
import { messagingRoutes } from './messaging-routes';
import { offerRoutes } from './offers-routes';
import { pricingRoutes } from './pricing-routes';
import { reportRoutes } from './reports-routes';
import { salesSettingsRoutes } from './sales-settings-routes';
import { settingsRoutes } from './settings-routes';
import { timelineRoutes } from './timeline-routes';
import { userRoutes } from './users-routes';

const { receiveLeadWebhook, ...leadSourceAdminRoutes } = leadSourceRoutes;

/** Every HTTP operation of the API, by the function that serves it. */
export const routesByFunction = {
  'accounts-api': [...Object.values(accountRoutes), ...Object.values(timelineRoutes)],
  'energy-api': [
    ...Object.values(energyRoutes),
    ...Object.values(pricingRoutes),
    ...Object.values(journeyRoutes),
  ],
  'attachments-api': [...attachmentRoutes],
  'users-api': Object.values(userRoutes),
  'settings-api': settingsRoutes,
  'import-api': Object.values(importRoutes),
  'activities-api': Object.values(activityRoutes),
  'messaging-api': Object.values(messagingRoutes),
  'sales-api': [
    ...Object.values(leadRoutes),
    ...Object.values(dealRoutes),
    ...Object.values(offerRoutes),
    ...Object.values(leadSourceAdminRoutes),
    ...Object.values(salesSettingsRoutes),
    ...Object.values(reportRoutes),
  ],
  'lead-webhook': [receiveLeadWebhook],
  'docs-api': Object.values(docsRoutes),
} as const satisfies Record<string, readonly RouteContract[]>;

export const allRoutes: readonly RouteContract[] = Object.values(routesByFunction).flat();
