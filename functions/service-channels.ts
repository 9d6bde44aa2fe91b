import { serviceChannelsApi } from '#api/service/channel-bindings';
import { caseIntake } from '#runtime/cases-services';
import { environmentCaseTimers } from '#runtime/environment/case-timers';
import { environmentSocialSecrets } from '#runtime/environment/social-secrets';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';

/** The public ways in: tenants' web forms and the social platform's signed webhook. */
export const handler = httpFunction('service-channels', () =>
  serviceChannelsApi({
    intake: caseIntake({
      table: environmentTable(),
      caseTimers: environmentCaseTimers(),
    }),
    social: environmentSocialSecrets(),
  }),
);
