import { campaignCalls } from './cost-calls-campaigns';
import { commissionCalls, contractCalls, contractEnds, exportCalls } from './cost-calls-contracts';
import { crmCalls, crmDeletes } from './cost-calls-crm';
import { energyCalls } from './cost-calls-energy';
import { docsCalls, newsletterCalls } from './cost-calls-newsletters';
import { salesCalls } from './cost-calls-sales';
import { fieldServiceCalls, serviceCalls } from './cost-calls-service';
import { settingsCalls, settingsDeletes } from './cost-calls-settings';
import type { RouteCall } from './route-call';

const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A file requested, uploaded, confirmed, listed, downloaded and deleted on each kind of record. */
const attachmentCalls: RouteCall[] = (
  [
    'accounts/{accountId}',
    'contacts/{contactId}',
    'deals/{dealId}',
    'contracts/{contractId}',
    'cases/{caseId}',
    'work-orders/{workOrderId}',
  ] as const
).flatMap((owner): RouteCall[] => [
  {
    route: `POST /v1/${owner}/attachments`,
    body: () => ({ fileName: 'foto.png', contentType: 'image/png', size: pngBytes.length }),
    keep: (a, ids) => {
      ids.attachmentId = a.body.attachment.id;
      ids.upload = JSON.stringify(a.body.upload);
    },
  },
  {
    route: `POST /v1/${owner}/attachments/{attachmentId}/confirm`,
    prepare: async (w) => {
      const upload = JSON.parse(w.ids.upload as string) as { url: string; headers: Record<string, string> };
      await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: pngBytes });
    },
    body: () => ({}),
  },
  { route: `GET /v1/${owner}/attachments` },
  { route: `GET /v1/${owner}/attachments/{attachmentId}/download` },
  { route: `DELETE /v1/${owner}/attachments/{attachmentId}` },
]);

/**
 * One call of every route of the API, in an order where each finds what it
 * needs: settings first, then the records each module makes and reads,
 * the deletes last. A route without a call here fails a unit test.
 */
export const costCalls: readonly RouteCall[] = [
  ...settingsCalls,
  ...crmCalls,
  ...energyCalls,
  ...salesCalls,
  ...campaignCalls,
  ...contractCalls,
  ...commissionCalls,
  ...contractEnds,
  ...exportCalls,
  ...serviceCalls,
  ...fieldServiceCalls,
  ...attachmentCalls,
  ...newsletterCalls,
  ...docsCalls,
  ...settingsDeletes,
  ...crmDeletes,
];
