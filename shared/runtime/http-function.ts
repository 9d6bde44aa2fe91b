import {
  acceptedCorrelationId,
  type Correlation,
  currentCorrelation,
} from '#adapters/observability/correlation';
import { createHttpHandler, type HttpEvent, type HttpResponse } from '#http/http-handler';
import type { BoundRoute } from '#http/route';
import { environmentAdmissions } from './caller-admissions';
import { observability, observedHandler } from './observability/observed-handler';

/** The header a caller may send to tie its own logs to ours; every response names the id used. */
export const correlationHeader = 'x-correlation-id';

/**
 * A request's correlation: the tenant of the token, which API Gateway's
 * authorizer has verified already, and the caller's id when a signed-in
 * caller sent a usable one, API Gateway's request id otherwise (the access
 * log's `requestId`). A public caller's id is not taken: anyone could tie
 * their calls to another tenant's story.
 */
function correlationOf(event: HttpEvent): Correlation {
  const tenantId = event.requestContext.authorizer?.jwt?.claims['custom:tenantId'];
  const signedIn = typeof tenantId === 'string';
  const callers = signedIn ? acceptedCorrelationId(event.headers?.[correlationHeader]) : undefined;
  return {
    correlationId: callers ?? event.requestContext.requestId,
    ...(signedIn ? { tenantId } : {}),
  };
}

/** The Lambda handler of one HTTP module: logging context, the shell's checks of the caller, then routing. */
export function httpFunction(serviceName: string, routes: () => BoundRoute[]) {
  const observed = observability(serviceName);
  const handle = createHttpHandler(routes(), observed.logger, environmentAdmissions());
  const respond = async (event: HttpEvent): Promise<HttpResponse> => {
    const response = await handle(event);
    // The request's correlation, which observedHandler set from correlationOf.
    const correlationId = currentCorrelation()?.correlationId ?? event.requestContext.requestId;
    return { ...response, headers: { ...response.headers, [correlationHeader]: correlationId } };
  };
  return observedHandler(serviceName, respond, { observability: observed, correlationOf });
}
