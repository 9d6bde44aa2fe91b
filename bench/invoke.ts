import type { Handler } from '../lib/local/functions';
import { lambdaContext } from '../lib/local/lambda-context';
import type { LocalRuntime } from '../lib/local/runtime';
import { topology } from '../lib/topology';

/**
 * Calls a function's handler in process with a GET event shaped as API
 * Gateway sends it, as the Lambda would run it, without the HTTP hop.
 */
export async function inProcessGet(runtime: LocalRuntime, token: string, functionName: string) {
  const fn = topology.functions.find((f) => f.name === functionName);
  if (fn?.trigger.kind !== 'http') throw new Error(`${functionName} is not an HTTP function of the topology`);
  // Loaded now: the module reads its environment, which the runtime has set.
  const { handler } = (await import(`../${fn.entry.replace(/\.ts$/, '')}`)) as { handler: Handler };
  const claims = await runtime.identity.authorize(`Bearer ${token}`);
  return (
    routePath: string,
    path: string,
    pathParameters: Record<string, string>,
    query?: Record<string, string>,
  ) => {
    const event = {
      version: '2.0',
      routeKey: `GET ${routePath}`,
      rawPath: path,
      rawQueryString: new URLSearchParams(query).toString(),
      headers: {},
      pathParameters,
      queryStringParameters: query,
      isBase64Encoded: false,
      requestContext: { authorizer: { jwt: { claims } }, http: { method: 'GET', path } },
    };
    return async () => {
      const response = await handler(event, lambdaContext(fn));
      if (response.statusCode !== 200)
        throw new Error(`${routePath} answered ${response.statusCode}: ${response.body}`);
    };
  };
}

export const p50s = <K extends string>(
  samples: Record<K, number[]>,
  percentile: (s: number[], p: number) => number,
) =>
  Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, percentile(v as number[], 50)])) as Record<
    K,
    number
  >;
