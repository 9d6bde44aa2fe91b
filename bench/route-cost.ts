import { allRoutes, routesByFunction } from '#api/docs/all-routes';
import { type RouteContract, routeKeyOf } from '#http/route';
import type { Handler, HandlerWrapper } from '../lib/local/functions';
import type { LocalRuntime } from '../lib/local/runtime';
import { type Capacity, emptyCapacity, withCapacity } from './capacity-meter';
import { type Answer, type CallWorld, fillPath, type Ids, type RouteCall, request } from './route-call';

/** One route's row of the cost table. */
export interface RouteCost {
  readonly fn: string;
  readonly route: string;
  readonly status: number | 'not called';
  readonly capacity: Capacity;
  /** Why a call did not succeed: the problem's title and detail, or what stopped it. */
  readonly reason?: string;
}

let measured: Capacity | undefined;

/**
 * Runs the HTTP functions' handlers under the capacity of the call being
 * measured, when there is one; the consumers' handlers never are.
 */
export const meterHttpHandlers: HandlerWrapper = (fn, handler): Handler =>
  fn.trigger.kind !== 'http'
    ? handler
    : (event, context) => {
        const capacity = measured;
        return capacity ? withCapacity(capacity, () => handler(event, context)) : handler(event, context);
      };

const functionOf = new Map(
  Object.entries(routesByFunction).flatMap(([fn, routes]) => routes.map((r) => [routeKeyOf(r), fn] as const)),
);

/**
 * Makes each call in order as the tenant's admin and measures the DynamoDB
 * requests its handler makes; the setup around it is not measured, nor are
 * the consumers its events reach. Writes are followed by a settle, so that a
 * later call finds what the consumers make (a contract from an accepted offer).
 */
export async function routeCosts(
  runtime: LocalRuntime,
  tenantId: string,
  calls: readonly RouteCall[],
): Promise<RouteCost[]> {
  const tenant = runtime.tenants.find((t) => t.id === tenantId);
  if (!tenant) throw new Error(`the runtime has no tenant ${tenantId}`);
  const ids: Ids = {};
  const world: CallWorld = {
    runtime,
    ids,
    api: (method, path, body, headers) =>
      request(runtime, tenant.adminToken, method, fillPath(path, ids), body, headers),
    async etag(path) {
      const answer = await world.api('GET', path);
      const etag = answer.headers.get('etag');
      if (!etag) throw new Error(`GET ${path} answered ${answer.status} without an ETag`);
      return etag;
    },
    settled: () => runtime.settled(),
  };
  const rows: RouteCost[] = [];
  for (const call of calls) {
    const [method = '', path = ''] = call.route.split(' ');
    const fn = functionOf.get(call.route);
    if (!fn) throw new Error(`${call.route} is not a route of the API`);
    const capacity = emptyCapacity();
    try {
      await call.prepare?.(world);
      const url = fillPath(path, { ...ids, ...call.params?.(ids) }) + queryOf(call.query?.(ids));
      const headers = {
        ...(call.ifMatch ? { 'if-match': await world.etag(call.ifMatch) } : {}),
        ...call.headers?.(ids),
      };
      const token = { admin: tenant.adminToken, technician: tenant.technicianToken, public: undefined }[
        call.as ?? 'admin'
      ];
      await warm(runtime, fn, token);
      measured = capacity;
      const answer = await (call.send
        ? call.send(world, url)
        : request(runtime, token, method, url, call.body?.(ids), headers)
      ).finally(() => {
        measured = undefined;
      });
      const problem = problemOf(answer);
      const reason = problem && call.failsBecause ? `${call.failsBecause} (answer: ${problem})` : problem;
      rows.push({ fn, route: call.route, status: answer.status, capacity, reason });
      if (answer.status < 300) call.keep?.(answer, ids);
      if (method !== 'GET' && call.settle !== false) await runtime.settled();
    } catch (error) {
      rows.push({
        fn,
        route: call.route,
        status: 'not called',
        capacity,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return rows;
}

const queryOf = (query: Record<string, string> | undefined) =>
  query ? `?${new URLSearchParams(query).toString()}` : '';

const ulids = /\b[0-9A-HJKMNP-TV-Z]{26}\b/g;

function problemOf(answer: Answer): string | undefined {
  if (answer.status < 300) return undefined;
  const problem = answer.body as { title?: string; detail?: string; 'invalid-params'?: unknown } | string;
  if (typeof problem !== 'object') return String(problem).slice(0, 200);
  const params = problem['invalid-params'] ? ` ${JSON.stringify(problem['invalid-params'])}` : '';
  // Without the run's ids, so that the table changes only when a route does.
  return `${problem.title ?? ''}${problem.detail ? `: ${problem.detail}` : ''}${params}`.replace(ulids, '…');
}

/**
 * An unmeasured request to the function just before its call, as the same
 * caller, so that every call is measured on a warm container: the module
 * loaded and what the shell caches for a few seconds (a user's token cutoff)
 * fresh; otherwise a read would come and go with the pace of the run. It
 * names no record, so it ends at validation, after the caller's checks.
 */
async function warm(runtime: LocalRuntime, fn: string, token: string | undefined): Promise<void> {
  const routes = routesByFunction[fn as keyof typeof routesByFunction] as readonly RouteContract[];
  const route = routes.find((r) => r.permission !== 'public') ?? routes[0];
  if (route) await request(runtime, token, route.method, route.path.replace(/\{\w+\}/g, 'warm-up'));
}

/** Route keys of the API that `calls` leaves out, and those it names twice or that do not exist. */
export function coverageOf(calls: readonly RouteCall[]) {
  const routes = new Set(allRoutes.map(routeKeyOf));
  const named = calls.map((c) => c.route);
  return {
    missing: [...routes].filter((r) => !named.includes(r)),
    twice: named.filter((r, i) => named.indexOf(r) !== i),
    unknown: named.filter((r) => !routes.has(r)),
  };
}
