import { type TemplateSegment, templateSegments } from '#http/route-matcher';
import type { HttpRoute, RouteThrottle, Topology } from './topology-types';

/**
 * One route of the deployed HTTP API. The topology has a route per
 * operation; the API has fewer (an HTTP API takes 300 by default): a
 * function's authenticated operations are covered by `ANY` routes, greedy
 * ones (`ANY /v1/commissions/{proxy+}`) on the prefixes of its operations,
 * and the function routes by path (shared/http/route-matcher.ts). Public
 * and throttled operations keep a route of their own (ADR 0028).
 */
export interface DeployedRoute {
  /** An HTTP method, or `ANY`. */
  readonly method: HttpRoute['method'] | 'ANY';
  /** The route's path template; a greedy route ends in `/{proxy+}`. */
  readonly path: string;
  readonly auth: HttpRoute['auth'];
  readonly throttle?: RouteThrottle;
  /** The function the route invokes. */
  readonly functionName: string;
  /** The topology's operations this route stands for. */
  readonly covers: readonly HttpRoute[];
}

export const greedyVariable = 'proxy';

export const deployedRouteKey = (route: Pick<DeployedRoute, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

interface Operation {
  readonly functionName: string;
  readonly route: HttpRoute;
  readonly segments: readonly TemplateSegment[];
  /**
   * Who answers it: the function, for an authenticated operation without a
   * throttle of its own (one that an `ANY` route may cover); a key of its
   * own for any other, so that no `ANY` route is ever laid over it.
   */
  readonly owner: string;
}

const coverable = (route: HttpRoute): boolean => route.auth === 'jwt' && route.throttle === undefined;

/** Whether some path fits both segments: equal literals, or a variable on either side. */
const unify = (a: TemplateSegment, b: TemplateSegment): boolean =>
  a.kind !== 'literal' || b.kind !== 'literal' || a.value === b.value;

const fitsPrefix = (op: Operation, prefix: readonly TemplateSegment[]): boolean =>
  prefix.every((segment, i) => {
    const own = op.segments[i];
    return own !== undefined && unify(own, segment);
  });

/** The owners of every operation a request on exactly the template's path could be. */
const ownersAt = (ops: readonly Operation[], template: readonly TemplateSegment[]) =>
  new Set(
    ops
      .filter((op) => op.segments.length === template.length && fitsPrefix(op, template))
      .map((op) => op.owner),
  );

const pathOf = (segments: readonly TemplateSegment[]): string =>
  `/${segments
    .map((s) => (s.kind === 'literal' ? s.value : s.kind === 'variable' ? `{${s.name}}` : `{${s.name}+}`))
    .join('/')}`;

/** A node of the operations' path tree: the segments to it, its own operations and its children. */
interface PathNode {
  readonly segments: readonly TemplateSegment[];
  readonly own: Operation[];
  readonly children: Map<string, PathNode>;
}

function pathTree(ops: readonly Operation[]): PathNode {
  const root: PathNode = { segments: [], own: [], children: new Map() };
  for (const op of ops) {
    let node = root;
    for (const [i, segment] of op.segments.entries()) {
      // Variables at one place are one node: API Gateway takes them for the same.
      const key = segment.kind === 'literal' ? `=${segment.value}` : '{}';
      let child = node.children.get(key);
      if (!child) {
        child = { segments: op.segments.slice(0, i + 1), own: [], children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.own.push(op);
  }
  return root;
}

const operationsUnder = (node: PathNode): Operation[] => [
  ...node.own,
  ...[...node.children.values()].flatMap(operationsUnder),
];

const exactRoute = (op: Operation): DeployedRoute => ({
  method: op.route.method,
  path: op.route.path,
  auth: op.route.auth,
  ...(op.route.throttle ? { throttle: op.route.throttle } : {}),
  functionName: op.functionName,
  covers: [op.route],
});

const anyRoute = (path: string, ops: readonly Operation[]): DeployedRoute => ({
  method: 'ANY',
  path,
  auth: 'jwt',
  functionName: (ops[0] as Operation).functionName,
  covers: ops.map((op) => op.route),
});

/**
 * A greedy route never sits at the root or on the first segment (`/v1`):
 * every unknown path of the API would reach one function.
 */
const shallowestGreedy = 2;

/**
 * The routes for a node's own operations, but those of `cover`, whose greedy
 * route above catches them: one `ANY` when they are all one function's and
 * no other owner's operation could be on that path.
 */
function ownRoutes(all: readonly Operation[], node: PathNode, cover: string | undefined): DeployedRoute[] {
  const own = node.own.filter((op) => op.owner !== cover);
  const owners = ownersAt(all, node.segments);
  const sole = own[0];
  if (sole && own.length > 1 && owners.size === 1 && owners.has(sole.functionName)) {
    return [anyRoute(pathOf(node.segments), own)];
  }
  return own.map(exactRoute);
}

/**
 * The owners of the operations that a request under the node could be,
 * outside the node's own subtree (path variables of a sibling): a greedy
 * route on the node would take their requests.
 */
function ownersBesideBelow(all: readonly Operation[], node: PathNode): Set<string> {
  const inside = new Set(operationsUnder(node));
  return new Set(
    all
      .filter(
        (op) => !inside.has(op) && op.segments.length > node.segments.length && fitsPrefix(op, node.segments),
      )
      .map((op) => op.owner),
  );
}

/**
 * The fewest routes for a node and what is under it, where `cover`'s greedy
 * route above already catches what has no route of its own. On the node, a
 * greedy route for one function takes that function's operations under it;
 * every other operation under it keeps a route of its own, more specific
 * than the greedy one. On a tie the more exact routes win.
 */
function routesOf(
  all: readonly Operation[],
  node: PathNode,
  cover: string | undefined,
  memo: Map<PathNode, Map<string | undefined, DeployedRoute[]>>,
): DeployedRoute[] {
  const known = memo.get(node)?.get(cover);
  if (known) return known;
  const own = ownRoutes(all, node, cover);
  const children = [...node.children.values()];
  let best = [...own, ...children.flatMap((child) => routesOf(all, child, cover, memo))];
  if (node.segments.length >= shallowestGreedy && children.length > 0) {
    const under = children.flatMap(operationsUnder);
    const beside = ownersBesideBelow(all, node);
    const candidates = [...new Set(under.filter((op) => op.owner === op.functionName).map((op) => op.owner))]
      .filter((fn) => fn !== cover && [...beside].every((owner) => owner === fn))
      .sort();
    for (const fn of candidates) {
      const covered = under.filter((op) => op.owner === fn);
      const rest = children.map((child) => ({ child, routes: routesOf(all, child, fn, memo) }));
      // Not beside a route with a path variable in the greedy one's place: `{proxy+}` stands alone there.
      if (rest.some(({ child, routes }) => child.segments.at(-1)?.kind !== 'literal' && routes.length > 0))
        continue;
      const greedy = anyRoute(pathOf([...node.segments, { kind: 'greedy', name: greedyVariable }]), covered);
      const option = [...own, greedy, ...rest.flatMap(({ routes }) => routes)];
      if (option.length < best.length) best = option;
    }
  }
  const byCover = memo.get(node) ?? new Map<string | undefined, DeployedRoute[]>();
  byCover.set(cover, best);
  memo.set(node, byCover);
  return best;
}

/**
 * The deployed API's routes for the topology's operations (ADR 0028). An
 * `ANY` route takes one function's authenticated, unthrottled operations:
 * on one path when no other function's operation could be on it, greedy
 * (`{proxy+}`) on a prefix when no other function's operation outside the
 * prefix could be under it, the others inside keeping a more specific route
 * of their own. Public and throttled operations keep their exact route,
 * which API Gateway prefers to any greedy one.
 */
export function deployedRoutes(topology: Pick<Topology, 'functions'>): DeployedRoute[] {
  const ops: Operation[] = topology.functions.flatMap((fn) =>
    fn.trigger.kind === 'http'
      ? fn.trigger.routes.map((route) => ({
          functionName: fn.name,
          route,
          segments: templateSegments(route.path),
          owner: coverable(route) ? fn.name : `${fn.name} ${route.method} ${route.path}`,
        }))
      : [],
  );
  return routesOf(ops, pathTree(ops), undefined, new Map()).sort((a, b) =>
    a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path),
  );
}
