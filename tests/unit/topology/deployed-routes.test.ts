import { describe, expect, it } from 'vitest';
import { OperationMatcher, segmentsOfMatch, templateSegments } from '#http/route-matcher';
import { type DeployedRoute, deployedRouteKey, deployedRoutes } from '../../../lib/deployed-routes';
import { DeployedRouteMatcher } from '../../../lib/local/deployed-route-matcher';
import { topology } from '../../../lib/topology';
import type { FunctionDefinition, HttpRoute, Topology } from '../../../lib/topology-types';

interface Operation {
  readonly functionName: string;
  readonly route: HttpRoute;
}

const operationsOf = (t: Pick<Topology, 'functions'>): Operation[] =>
  t.functions.flatMap((fn) =>
    fn.trigger.kind === 'http' ? fn.trigger.routes.map((route) => ({ functionName: fn.name, route })) : [],
  );

const keyOf = (route: Pick<HttpRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** A function of the test topologies: only its routes matter. */
const httpFunction = (name: string, routes: HttpRoute[]): FunctionDefinition => ({
  name,
  entry: `functions/${name}.ts`,
  description: name,
  memoryMb: 256,
  timeoutSeconds: 10,
  trigger: { kind: 'http', routes },
  access: {},
});

const jwt = (method: HttpRoute['method'], path: string): HttpRoute => ({ method, path, auth: 'jwt' });

/**
 * Concrete paths for an operation: each path variable as a plain value, and
 * as each literal that some route has in the same place (where one route's
 * literal shadows another's variable).
 */
function requestPathsOf(route: HttpRoute, all: readonly Operation[]): string[] {
  const segments = templateSegments(route.path);
  const literalsAt = (i: number) =>
    new Set(
      all.flatMap(({ route: other }) => {
        const segment = templateSegments(other.path)[i];
        return segment?.kind === 'literal' ? [segment.value] : [];
      }),
    );
  const paths = [segments.map((s) => (s.kind === 'literal' ? s.value : 'v1a'))];
  for (const [i, segment] of segments.entries()) {
    if (segment.kind === 'literal') continue;
    for (const literal of literalsAt(i)) paths.push(paths[0]?.map((v, j) => (j === i ? literal : v)) ?? []);
  }
  return paths.map((p) => `/${p.join('/')}`);
}

const entriesOf = <T>(routes: readonly T[], keyOf: (route: T) => { method: string; path: string }) =>
  routes.map((value) => ({ ...keyOf(value), value }));

/**
 * What a request reaches: the deployed route API Gateway picks, and the
 * operation the function behind it then picks by path (the handler's own
 * match, on the path parameters the gateway hands over).
 */
function reacher(deployed: readonly DeployedRoute[], all: readonly Operation[]) {
  const gateway = new DeployedRouteMatcher(entriesOf(deployed, (r) => r));
  const handlers = new Map(
    [...new Set(all.map((op) => op.functionName))].map((name) => [
      name,
      new OperationMatcher(
        entriesOf(
          all.filter((op) => op.functionName === name),
          (op) => op.route,
        ),
      ),
    ]),
  );
  return (method: string, path: string) => {
    const found = gateway.match(method, path.split('/').slice(1));
    if (!found) return undefined;
    const segments = segmentsOfMatch(found.value.path, found.params) ?? [];
    const operation = handlers.get(found.value.functionName)?.match(method, segments);
    return { deployed: found.value, operation: operation?.kind === 'route' ? operation.value : undefined };
  };
}

/** What the same request reached when every operation had its own exact route. */
function exactReacher(all: readonly Operation[]) {
  const exact = new DeployedRouteMatcher(entriesOf(all, (op) => op.route));
  return (method: string, path: string) => exact.match(method, path.split('/').slice(1))?.value;
}

describe('the deployed routes of the topology', () => {
  const deployed = deployedRoutes(topology);
  const all = operationsOf(topology);

  it('are far fewer than the operations, well under the 300 routes an HTTP API takes by default', () => {
    expect(all.length).toBeGreaterThan(290);
    expect(deployed.length).toBeLessThan(130);
    expect(deployed.filter((r) => r.path.endsWith('/{proxy+}')).length).toBeGreaterThan(20);
  });

  it('cover every operation exactly once, each by a route to its own function', () => {
    // Act
    const covered = deployed.flatMap((r) =>
      r.covers.map((route) => ({ functionName: r.functionName, key: keyOf(route) })),
    );

    // Assess
    expect(covered.map((c) => c.key).sort()).toEqual(all.map((op) => keyOf(op.route)).sort());
    for (const { functionName, key } of covered) {
      expect(all.find((op) => keyOf(op.route) === key)?.functionName).toBe(functionName);
    }
  });

  it('keep an exact route, with its own auth and throttle, for every public or throttled operation', () => {
    const special = all.filter((op) => op.route.auth === 'none' || op.route.throttle !== undefined);
    expect(special.length).toBeGreaterThan(5);
    for (const op of special) {
      expect(deployed).toContainEqual({ ...op.route, functionName: op.functionName, covers: [op.route] });
    }
  });

  it('put the JWT authorizer on every ANY and greedy route, and no throttle', () => {
    const anyRoutes = deployed.filter((r) => r.method === 'ANY');
    expect(anyRoutes.length).toBeGreaterThan(50);
    for (const route of anyRoutes) {
      expect(route.auth).toBe('jwt');
      expect(route.throttle).toBeUndefined();
      expect(route.covers.every((op) => op.auth === 'jwt' && op.throttle === undefined)).toBe(true);
    }
  });

  it('have one name for the path variable at each place, and no greedy route beside another path variable', () => {
    // The gateway's matcher refuses two names at one place, as API Gateway does.
    expect(() => new DeployedRouteMatcher(entriesOf(deployed, (r) => r))).not.toThrow();
    const greedyPrefixes = deployed
      .filter((r) => r.path.endsWith('/{proxy+}'))
      .map((r) => r.path.slice(0, -9));
    for (const prefix of greedyPrefixes) {
      const depth = prefix.split('/').length;
      const beside = deployed.filter(
        (r) =>
          r.path.startsWith(`${prefix}/{`) &&
          !r.path.endsWith('{proxy+}') &&
          r.path.split('/').length > depth,
      );
      expect(beside.map(deployedRouteKey)).toEqual([]);
    }
  });

  it('never lay a greedy route on the version segment alone', () => {
    expect(deployed.map((r) => r.path)).not.toContain('/v1/{proxy+}');
    expect(deployed.every((r) => !/^\/[^/]+\/\{proxy\+\}$/.test(r.path))).toBe(true);
  });

  it('take every operation’s request, path variables shadowed by literals too, to the operation it reached with exact routes', () => {
    const reach = reacher(deployed, all);
    const reachExactly = exactReacher(all);
    for (const op of all) {
      for (const path of requestPathsOf(op.route, all)) {
        const before = reachExactly(op.route.method, path);
        const now = reach(op.route.method, path);
        expect({ key: keyOf(op.route), path, reached: now?.operation?.route }).toEqual({
          key: keyOf(op.route),
          path,
          reached: before?.route,
        });
        // A public route's request never passes the authorizer, nor an authenticated one's skips it.
        if (before) expect(now?.deployed.auth).toBe(before.route.auth);
      }
    }
  });
});

describe('deployedRoutes', () => {
  it('gives a prefix to one function only: a prefix that two functions share keeps their routes apart', () => {
    // Prepare
    const shared = {
      functions: [
        httpFunction('things-api', [
          jwt('GET', '/v1/things'),
          jwt('GET', '/v1/things/{thingId}'),
          jwt('GET', '/v1/things/{thingId}/parts'),
          jwt('POST', '/v1/things/{thingId}/parts'),
          jwt('GET', '/v1/things/{thingId}/parts/{partId}'),
        ]),
        httpFunction('notes-api', [
          jwt('GET', '/v1/things/{thingId}/notes'),
          jwt('POST', '/v1/things/{thingId}/notes'),
        ]),
      ],
    };

    // Act
    const routes = deployedRoutes(shared).map((r) => `${r.functionName}: ${deployedRouteKey(r)}`);

    // Assess
    expect(routes).toEqual([
      'things-api: GET /v1/things',
      'things-api: GET /v1/things/{thingId}',
      'things-api: ANY /v1/things/{thingId}/{proxy+}',
      'notes-api: ANY /v1/things/{thingId}/notes',
    ]);
  });

  it('lays no greedy route where a sibling’s path variable could take a request under it', () => {
    // Prepare: `/v1/docs/settings/files` fits `/v1/docs/{docId}/files` too.
    const shadowing = {
      functions: [
        httpFunction('docs-api', [
          jwt('GET', '/v1/docs/settings/a'),
          jwt('GET', '/v1/docs/settings/b'),
          jwt('GET', '/v1/docs/settings/c'),
        ]),
        httpFunction('files-api', [jwt('GET', '/v1/docs/{docId}/files')]),
      ],
    };

    // Act
    const routes = deployedRoutes(shadowing).map(deployedRouteKey);

    // Assess
    expect(routes).not.toContain('ANY /v1/docs/settings/{proxy+}');
    expect(routes).toHaveLength(4);
  });

  it('keeps a public or throttled operation on its own route, out from under its own function’s greedy route', () => {
    // Prepare
    const mixed = {
      functions: [
        httpFunction('forms-api', [
          jwt('GET', '/v1/forms'),
          jwt('GET', '/v1/forms/{formId}'),
          jwt('PATCH', '/v1/forms/{formId}'),
          jwt('GET', '/v1/forms/{formId}/fields'),
          {
            method: 'POST',
            path: '/v1/forms/{formId}/answers',
            auth: 'none',
            throttle: { rateLimit: 5, burstLimit: 10 },
          },
        ]),
      ],
    };

    // Act
    const routes = deployedRoutes(mixed);

    // Assess
    expect(routes.map(deployedRouteKey)).toEqual([
      'GET /v1/forms',
      'ANY /v1/forms/{formId}',
      'POST /v1/forms/{formId}/answers',
      'GET /v1/forms/{formId}/fields',
    ]);
    expect(routes.find((r) => r.method === 'POST')).toMatchObject({
      auth: 'none',
      throttle: { rateLimit: 5 },
    });
  });
});
