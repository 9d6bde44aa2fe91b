/**
 * Matching a method and path against route templates the way API Gateway's
 * HTTP API does: a full match of path and method, the more specific
 * template first (a literal segment before a path variable, left to
 * right). The handler shell matches its own operations with it behind an
 * `ANY` or greedy route (ADR 0028); the local gateway builds its match of
 * the deployed routes (`ANY`, greedy variables) on the same pieces. Small
 * on purpose: every HTTP function's bundle carries it.
 */

/** One segment of a template: `accounts`, `{accountId}` or `{proxy+}`. */
export type TemplateSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'variable' | 'greedy'; readonly name: string };

/** `/v1/accounts/{accountId}/{proxy+}` as segments (a greedy variable belongs at the end). */
export const templateSegments = (template: string): TemplateSegment[] =>
  template
    .split('/')
    .slice(1)
    .map((part) => {
      const variable = /^\{(\w+)(\+?)\}$/.exec(part);
      if (!variable) return { kind: 'literal', value: part };
      return { kind: variable[2] ? 'greedy' : 'variable', name: variable[1] as string };
    });

/** The segments of a path (`/a/b` → `a`, `b`; a trailing slash is an empty last segment). */
export const pathSegments = (path: string): string[] => path.split('/').slice(1);

/**
 * The path variables of `template` in `path`, or undefined when it does not
 * match. A variable never takes an empty segment; a greedy one takes the
 * rest (one segment or more), joined by `/`.
 */
export function matchTemplate(
  template: readonly TemplateSegment[],
  path: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of template.entries()) {
    const value = path[i];
    if (value === undefined) return undefined;
    if (segment.kind === 'greedy') {
      params[segment.name] = path.slice(i).join('/');
      return params;
    }
    if (segment.kind === 'literal' ? segment.value !== value : value === '') return undefined;
    if (segment.kind === 'variable') params[segment.name] = value;
  }
  return path.length === template.length ? params : undefined;
}

/** API Gateway's order among templates: at the first place they differ, a literal before a variable. */
export function bySpecificity(a: readonly TemplateSegment[], b: readonly TemplateSegment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const kinds = [a[i]?.kind, b[i]?.kind];
    if (kinds[0] !== kinds[1]) return kinds[0] === 'literal' ? -1 : kinds[1] === 'literal' ? 1 : 0;
  }
  return 0;
}

/**
 * The path a route matched, as segments, from its template and the path
 * parameters the gateway filled in (decoded): what a handler behind a greedy
 * or `ANY` route routes on. Undefined when a parameter is missing or the
 * route key has no path (`$default`).
 */
export function segmentsOfMatch(
  template: string,
  parameters: Readonly<Record<string, string | undefined>>,
): string[] | undefined {
  if (!template.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const segment of templateSegments(template)) {
    const value = segment.kind === 'literal' ? segment.value : parameters[segment.name];
    if (value === undefined) return undefined;
    out.push(...(segment.kind === 'greedy' ? value.split('/') : [value]));
  }
  return out;
}

export type RouteMatch<T> =
  | { readonly kind: 'route'; readonly value: T; readonly params: Record<string, string> }
  /** The path is an operation's, but of none with the method: `allowed` lists those that are. */
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

/**
 * Operations by method and path template, compiled once (a handler's, per
 * container): grouped by their number of segments and ordered by
 * specificity, so that a match tries only templates of the path's length.
 */
export class OperationMatcher<T> {
  private readonly byLength = new Map<
    number,
    { readonly method: string; readonly segments: TemplateSegment[]; readonly value: T }[]
  >();

  constructor(operations: readonly { readonly method: string; readonly path: string; readonly value: T }[]) {
    for (const { method, path, value } of operations) {
      const segments = templateSegments(path);
      const group = this.byLength.get(segments.length) ?? [];
      group.push({ method, segments, value });
      this.byLength.set(segments.length, group);
    }
    for (const group of this.byLength.values()) group.sort((a, b) => bySpecificity(a.segments, b.segments));
  }

  match(method: string, path: readonly string[]): RouteMatch<T> {
    const allowed = new Set<string>();
    for (const candidate of this.byLength.get(path.length) ?? []) {
      const params = matchTemplate(candidate.segments, path);
      if (!params) continue;
      if (candidate.method === method) return { kind: 'route', value: candidate.value, params };
      allowed.add(candidate.method);
    }
    return allowed.size > 0
      ? { kind: 'method-not-allowed', allowed: [...allowed].sort() }
      : { kind: 'not-found' };
  }
}
