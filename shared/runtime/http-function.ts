import { acceptedCorrelationId, type Correlation } from '#adapters/observability/correlation';
import { createHttpHandler, type HttpEvent, type HttpResponse } from '#http/http-handler';
import type { BoundRoute } from '#http/route';
import { environmentAdmissions } from './caller-admissions';
import { observability, observedHandler } from './observability/observed-handler';

/** The header a caller may send to tie its own logs to ours; every response names the id used. */
export const correlationHeader = 'x-correlation-id';

/**
 * A request's correlation: the caller's id when it sent a usable one, API
 * Gateway's request id otherwise (the access log's `requestId`), and the
 * tenant of the token, which API Gateway's authorizer has verified already.
 */
function correlationOf(event: HttpEvent): Correlation {
  const tenantId = event.requestContext.authorizer?.jwt?.claims['custom:tenantId'];
  return {
    correlationId:
      acceptedCorrelationId(event.headers?.[correlationHeader]) ?? event.requestContext.requestId,
    ...(typeof tenantId === 'string' ? { tenantId } : {}),
  };
}

/** The Lambda handler of one HTTP module: logging context, the shell's checks of the caller, then routing. */
export function httpFunction(serviceName: string, routes: () => BoundRoute[]) {
  const observed = observability(serviceName);
  const handle = createHttpHandler(routes(), observed.logger, environmentAdmissions());
  const respond = async (event: HttpEvent): Promise<HttpResponse> => {
    const response = await handle(event);
    const correlationId = correlationOf(event).correlationId;
    return { ...response, headers: { ...response.headers, [correlationHeader]: correlationId } };
  };
  return observedHandler(serviceName, respond, { observability: observed, correlationOf });
}
