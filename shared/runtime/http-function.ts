import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createHttpHandler, type HttpEvent, type HttpResponse } from '#http/http-handler';
import type { BoundRoute } from '#http/route';
import { environmentAdmissions } from './caller-admissions';

/** The Lambda handler of one HTTP module: logging context, the shell's checks of the caller, then routing. */
export function httpFunction(serviceName: string, routes: () => BoundRoute[]) {
  const logger = new Logger({ serviceName });
  const handle = createHttpHandler(routes(), logger, environmentAdmissions());
  return middy<HttpEvent, HttpResponse, Error, Context>(handle).use(injectLambdaContext(logger));
}
