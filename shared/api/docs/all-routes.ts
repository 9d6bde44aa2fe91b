import { accountRoutes } from '#api/accounts/accounts-routes';
import { mergeContactRoute } from '#api/accounts/contact-merge-routes';
import { timelineRoutes } from '#api/accounts/timeline-routes';
import { activityRoutes } from '#api/activities/activities-routes';
import { attachmentRoutes } from '#api/attachments/attachments-routes';
import { campaignRoutes } from '#api/campaigns/campaigns-routes';
import { commissionRoutes } from '#api/commissions/commissions-routes';
import { contractRoutes } from '#api/contracts/contracts-routes';
import { signingCallbackRoute } from '#api/contracts/signing-callback-routes';
import { energyRoutes } from '#api/energy/energy-routes';
import { journeyRoutes } from '#api/energy/journeys-routes';
import { pricingRoutes } from '#api/energy/pricing-routes';
import { exportRoutes } from '#api/exports/exports-routes';
import { fieldServiceRoutes } from '#api/field-service/field-service-routes';
import { importRoutes } from '#api/import/import-routes';
import { messagingRoutes } from '#api/messaging/messaging-routes';
import { newsletterRoutes } from '#api/newsletters/newsletters-routes';
import { unsubscribeRoutes } from '#api/newsletters/unsubscribe-routes';
import { registerRoutes } from '#api/registers/register-routes';
import { dealRoutes } from '#api/sales/deals-routes';
import { leadSourceRoutes } from '#api/sales/lead-sources-routes';
import { leadWebhookRoutes } from '#api/sales/lead-webhook-routes';
import { leadRoutes } from '#api/sales/leads-routes';
import { offerDocumentRoutes } from '#api/sales/offer-documents-routes';
import { offerRoutes } from '#api/sales/offers-routes';
import { reportRoutes } from '#api/sales/reports-routes';
import { salesSettingsRoutes } from '#api/sales/sales-settings-routes';
import { caseRoutes } from '#api/service/case-routes';
import { channelRoutes } from '#api/service/channel-routes';
import { settingsRoutes } from '#api/settings/settings-routes';
import { userRoutes } from '#api/users/users-routes';
import type { RouteContract } from '#http/route';
import { docsRoutes } from './docs-routes';

/** Every HTTP operation of the API, by the function that serves it. */
export const routesByFunction = {
  'accounts-api': [
    ...Object.values(accountRoutes),
    mergeContactRoute,
    ...Object.values(timelineRoutes),
    ...Object.values(registerRoutes),
  ],
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
    ...Object.values(leadSourceRoutes),
    ...Object.values(salesSettingsRoutes),
    ...Object.values(reportRoutes),
  ],
  'lead-webhook': Object.values(leadWebhookRoutes),
  'contracts-api': [...Object.values(contractRoutes), ...Object.values(offerDocumentRoutes)],
  'signing-callback': [signingCallbackRoute],
  'commissions-api': Object.values(commissionRoutes),
  'exports-api': Object.values(exportRoutes),
  'service-api': Object.values(caseRoutes),
  'service-channels': Object.values(channelRoutes),
  'field-service-api': Object.values(fieldServiceRoutes),
  'newsletters-api': Object.values(newsletterRoutes),
  'newsletter-unsubscribe': Object.values(unsubscribeRoutes),
  'campaigns-api': Object.values(campaignRoutes),
  'docs-api': Object.values(docsRoutes),
} as const satisfies Record<string, readonly RouteContract[]>;

export const allRoutes: readonly RouteContract[] = Object.values(routesByFunction).flat();
