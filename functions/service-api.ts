import { casesApi } from '#api/service/case-bindings';
import { casesServices } from '#runtime/cases-services';
import { environmentCaseTimers } from '#runtime/environment/case-timers';
import { environmentMailer } from '#runtime/environment/mailer';
import { environmentObjects } from '#runtime/environment/objects';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';

/** Customer-service cases: opened, read, changed, answered and queued; the service settings and entitlements. */
export const handler = httpFunction('service-api', () =>
  casesApi(
    casesServices({
      table: environmentTable(),
      objects: environmentObjects(),
      mailer: environmentMailer(),
      caseTimers: environmentCaseTimers(),
    }),
  ),
);
