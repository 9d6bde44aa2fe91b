import { serviceChannelsApi } from '#api/service/channel-bindings';
import { casesServices } from '#runtime/cases-services';
import { casesEnvironment } from '#runtime/environment/cases';
import { environmentSocialSecrets } from '#runtime/environment/social-secrets';
import { httpFunction } from '#runtime/http-function';

/** The public ways in: tenants' web forms and the social platform's signed webhook. */
export const handler = httpFunction('service-channels', () =>
  serviceChannelsApi({
    intake: casesServices(casesEnvironment()).intake,
    social: environmentSocialSecrets(),
  }),
);
