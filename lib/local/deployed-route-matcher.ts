import { bySpecificity, matchTemplate, type TemplateSegment, templateSegments } from '#http/route-matcher';

interface Template<T> {
  readonly segments: TemplateSegment[];
  /** By method, `ANY` for every method the template has no route of its own for. */
  readonly byMethod: Map<string, T>;
}

const greedy = (segments: readonly TemplateSegment[]) => segments.at(-1)?.kind === 'greedy';

/**
 * API Gateway's choice among an HTTP API's routes (Developer Guide, "Routing
 * API requests"): a full match of path and method first, the most specific
 * template, the method before `ANY`; then a route with a greedy path
 * variable, the longest prefix first; otherwise none (404). Like API
 * Gateway it refuses two names for the path variable at one place, a
 * greedy variable before the end, and a route twice.
 */
export class DeployedRouteMatcher<T> {
  private readonly full: Template<T>[] = [];
  private readonly greedy: Template<T>[] = [];

  constructor(routes: readonly { readonly method: string; readonly path: string; readonly value: T }[]) {
    const byPath = new Map<string, Template<T>>();
    const variableNames = new Map<string, string>();
    for (const { method, path, value } of routes) {
      const segments = templateSegments(path);
      segments.forEach((segment, i) => {
        if (segment.kind === 'literal') return;
        if (segment.kind === 'greedy' && i !== segments.length - 1) {
          throw new Error(`${path}: a greedy variable must end the path`);
        }
        // The place: the segments before it, any variable standing for all.
        const place = `${segments
          .slice(0, i)
          .map((s) => (s.kind === 'literal' ? s.value : '{}'))
          .join('/')}/${segment.kind}`;
        const name = variableNames.get(place) ?? segment.name;
        if (name !== segment.name)
          throw new Error(`${path}: {${segment.name}} where another route has {${name}}`);
        variableNames.set(place, name);
      });
      const template = byPath.get(path) ?? { segments, byMethod: new Map<string, T>() };
      if (template.byMethod.has(method)) throw new Error(`${method} ${path} is there twice`);
      template.byMethod.set(method, value);
      if (!byPath.has(path)) (greedy(segments) ? this.greedy : this.full).push(template);
      byPath.set(path, template);
    }
    this.full.sort((a, b) => bySpecificity(a.segments, b.segments));
    this.greedy.sort(
      (a, b) => b.segments.length - a.segments.length || bySpecificity(a.segments, b.segments),
    );
  }

  match(method: string, path: readonly string[]): { value: T; params: Record<string, string> } | undefined {
    for (const template of [...this.full, ...this.greedy]) {
      const value = template.byMethod.get(method) ?? template.byMethod.get('ANY');
      const params = value === undefined ? undefined : matchTemplate(template.segments, path);
      if (value !== undefined && params) return { value, params };
    }
    return undefined;
  }
}
