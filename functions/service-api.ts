import { casesApi } from '#api/service/case-bindings';
import { casesServices } from '#runtime/cases-services';
import { casesEnvironment } from '#runtime/environment/cases';
import { httpFunction } from '#runtime/http-function';

/** Customer-service cases: opened, read, changed, answered and queued; the service settings and entitlements. */
export const handler = httpFunction('service-api', () => casesApi(casesServices(casesEnvironment())));
