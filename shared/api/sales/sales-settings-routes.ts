import { defineRoute } from '#http/route';
import { replaceSalesSettingsBody, salesSettingsSchema } from './sales-settings-schemas';

/** The tenant's sales rules: lead scoring, routing, nurturing and offer validity (R-SA-2). */
export const salesSettingsRoutes = {
  getSalesSettings: defineRoute({
    operationId: 'getSalesSettings',
    method: 'GET',
    path: '/v1/sales/settings',
    summary: 'Read the sales rules; the defaults at version 0 until an admin sets them',
    tag: 'Sales settings',
    permission: 'read',
    etag: true,
    success: { status: 200, description: 'The sales rules', schema: salesSettingsSchema },
    errors: [401, 403],
  }),
  replaceSalesSettings: defineRoute({
    operationId: 'replaceSalesSettings',
    method: 'PUT',
    path: '/v1/sales/settings',
    summary: 'Replace the sales rules as a whole (If-Match "0" for the first time)',
    tag: 'Sales settings',
    permission: 'admin',
    body: replaceSalesSettingsBody,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The sales rules as stored', schema: salesSettingsSchema },
    errors: [400, 401, 403, 409, 412, 415, 428],
  }),
} as const;
