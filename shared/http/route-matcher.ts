/**
 * Matching a method and path against route templates the way API Gateway's
 * HTTP API does: a full match of path and method first (a literal segment
 * before a path variable, the method before `ANY`), then a route with a
 * greedy variable (`{proxy+}`, one or more segments; the longest prefix
 * first). Shared by the local gateway, which matches the deployed route
 * table, and the HTTP handler, which matches its own operations when a
 * greedy or `ANY` route handed it the request.
 */

/** One segment of a template: `accounts`, `{accountId}` or `{proxy+}`. */
export type TemplateSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

/** `/v1/accounts/{accountId}/{proxy+}` as segments; a greedy variable only at the end. */
export function templateSegments(template: string): TemplateSegment[] {
  const parts = template.split('/').slice(1);
  return parts.map((part, i) => {
    const variable = /^\{(\w+)(\+)?\}$/.exec(part);
    if (!variable) return { kind: 'literal', value: part };
    const name = variable[1] as string;
    if (!variable[2]) return { kind: 'variable', name };
    if (i !== parts.length - 1) throw new Error(`${template}: a greedy variable must end the path`);
    return { kind: 'greedy', name };
  });
}

/** The segments of a path (`/a/b` → `a`, `b`; a trailing slash is an empty last segment). */
export const pathSegments = (path: string): string[] => path.split('/').slice(1);

/**
 * The path a route matched, as segments, from its template and the path
 * parameters the gateway filled in: what a handler behind a greedy or `ANY`
 * route routes on. Undefined when a parameter is missing (not a route of
 * this shape) or the route key has no path (`$default`).
 */
export function segmentsOfMatch(
  template: string,
  parameters: Readonly<Record<string, string | undefined>>,
): string[] | undefined {
  if (!template.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const segment of templateSegments(template)) {
    if (segment.kind === 'literal') {
      out.push(segment.value);
      continue;
    }
    const value = parameters[segment.name];
    if (value === undefined) return undefined;
    if (segment.kind === 'variable') out.push(value);
    else out.push(...value.split('/'));
  }
  return out;
}

export interface RouteEntry<T> {
  /** An HTTP method, or `ANY` for every method the template has no route of its own for. */
  readonly method: string;
  readonly path: string;
  readonly value: T;
}

export type RouteMatch<T> =
  | {
      readonly kind: 'route';
      readonly value: T;
      readonly method: string;
      readonly path: string;
      /** Each variable's segment as it was in the path given (a greedy one's segments joined by `/`). */
      readonly params: Record<string, string>;
    }
  /** The path is a route's, but none of the method: `allowed` lists the methods that are. */
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

interface Node<T> {
  readonly literals: Map<string, Node<T>>;
  variable?: { readonly name: string; readonly node: Node<T> };
  greedy?: { readonly name: string; readonly byMethod: Map<string, RouteEntry<T>> };
  readonly byMethod: Map<string, RouteEntry<T>>;
}

const emptyNode = <T>(): Node<T> => ({ literals: new Map(), byMethod: new Map() });

interface Found<T> {
  readonly entry: RouteEntry<T>;
  readonly params: Record<string, string>;
}

/**
 * Route templates compiled once into a tree of segments: a match walks the
 * path's segments, not every route. Variables at the same place must have
 * the same name (API Gateway refuses otherwise), and a path variable never
 * matches an empty segment.
 */
export class RouteMatcher<T> {
  private readonly root: Node<T> = emptyNode();

  constructor(entries: readonly RouteEntry<T>[]) {
    for (const entry of entries) this.add(entry);
  }

  private add(entry: RouteEntry<T>): void {
    let node = this.root;
    for (const segment of templateSegments(entry.path)) {
      if (segment.kind === 'literal') {
        const next = node.literals.get(segment.value) ?? emptyNode<T>();
        node.literals.set(segment.value, next);
        node = next;
        continue;
      }
      const existing = segment.kind === 'variable' ? node.variable?.name : node.greedy?.name;
      if (existing !== undefined && existing !== segment.name) {
        throw new Error(`${entry.path}: {${segment.name}} where another route has {${existing}}`);
      }
      if (segment.kind === 'greedy') {
        node.greedy ??= { name: segment.name, byMethod: new Map() };
        this.put(node.greedy.byMethod, entry);
        return;
      }
      node.variable ??= { name: segment.name, node: emptyNode<T>() };
      node = node.variable.node;
    }
    this.put(node.byMethod, entry);
  }

  private put(byMethod: Map<string, RouteEntry<T>>, entry: RouteEntry<T>): void {
    if (byMethod.has(entry.method)) throw new Error(`${entry.method} ${entry.path} is there twice`);
    byMethod.set(entry.method, entry);
  }

  match(method: string, segments: readonly string[]): RouteMatch<T> {
    const found =
      this.full(this.root, method, segments, 0, {}) ?? this.greedy(this.root, method, segments, 0, {});
    if (found) {
      const { entry, params } = found;
      return { kind: 'route', value: entry.value, method: entry.method, path: entry.path, params };
    }
    const allowed = new Set<string>();
    this.methodsOf(this.root, segments, 0, allowed);
    return allowed.size > 0
      ? { kind: 'method-not-allowed', allowed: [...allowed].sort() }
      : { kind: 'not-found' };
  }

  /** The most specific template matching every segment, with the method or `ANY`. */
  private full(
    node: Node<T>,
    method: string,
    segments: readonly string[],
    at: number,
    params: Record<string, string>,
  ): Found<T> | undefined {
    if (at === segments.length) {
      const entry = node.byMethod.get(method) ?? node.byMethod.get('ANY');
      return entry ? { entry, params } : undefined;
    }
    const segment = segments[at] as string;
    const literal = node.literals.get(segment);
    const viaLiteral = literal && this.full(literal, method, segments, at + 1, params);
    if (viaLiteral) return viaLiteral;
    if (!node.variable || segment === '') return undefined;
    const withValue = { ...params, [node.variable.name]: segment };
    return this.full(node.variable.node, method, segments, at + 1, withValue);
  }

  /** A greedy template taking the rest (one segment or more), the longest prefix first. */
  private greedy(
    node: Node<T>,
    method: string,
    segments: readonly string[],
    at: number,
    params: Record<string, string>,
  ): Found<T> | undefined {
    if (at === segments.length) return undefined;
    const segment = segments[at] as string;
    const literal = node.literals.get(segment);
    const deeper =
      (literal && this.greedy(literal, method, segments, at + 1, params)) ||
      (node.variable && segment !== ''
        ? this.greedy(node.variable.node, method, segments, at + 1, {
            ...params,
            [node.variable.name]: segment,
          })
        : undefined);
    if (deeper) return deeper;
    const entry = node.greedy && (node.greedy.byMethod.get(method) ?? node.greedy.byMethod.get('ANY'));
    if (!node.greedy || !entry) return undefined;
    return { entry, params: { ...params, [node.greedy.name]: segments.slice(at).join('/') } };
  }

  /** The methods of every full template matching the path (a greedy one has no fixed path). */
  private methodsOf(node: Node<T>, segments: readonly string[], at: number, into: Set<string>): void {
    if (at === segments.length) {
      for (const method of node.byMethod.keys()) into.add(method);
      return;
    }
    const segment = segments[at] as string;
    const literal = node.literals.get(segment);
    if (literal) this.methodsOf(literal, segments, at + 1, into);
    if (node.variable && segment !== '') this.methodsOf(node.variable.node, segments, at + 1, into);
  }
}
