import type { ImportEdge, ImportGraph, ImportTarget } from './import-graph';

/** Packages the domain may use: plain TypeScript with no AWS and no I/O of its own. */
export const pureDomainPackages: readonly string[] = [
  'zod',
  'ulid',
  'libphonenumber-js',
  'ibantools',
  'csv-parse',
];

/** One rule of the layering: which files it holds and which import targets it refuses them. */
export interface LayerRule {
  /** Printed with every import that breaks the rule. */
  readonly says: string;
  readonly holds: (file: string) => boolean;
  readonly refuses: (target: ImportTarget) => boolean;
}

const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const fileUnder = (folder: string) => (target: ImportTarget) =>
  target.kind === 'file' && under(folder)(target.path);

export const layerRules = {
  resolves: {
    says: 'every import resolves to a project file, a package or a Node built-in',
    holds: () => true,
    refuses: (target) => target.kind === 'unresolved',
  },
  pureDomain: {
    says: `shared/domain imports only shared/domain, Node built-ins and ${pureDomainPackages.join(', ')}`,
    holds: under('shared/domain'),
    refuses: (target) =>
      target.kind === 'package'
        ? !pureDomainPackages.includes(target.name)
        : target.kind === 'file' && !under('shared/domain')(target.path),
  },
  sharedWithoutLib: {
    says: 'nothing in shared/ imports lib/',
    holds: under('shared'),
    refuses: fileUnder('lib'),
  },
  apiWithoutRuntime: {
    says: 'shared/api does not import shared/runtime (bindings take service types from the domain)',
    holds: under('shared/api'),
    refuses: fileUnder('shared/runtime'),
  },
} satisfies Record<string, LayerRule>;

const describeTarget = (target: ImportTarget) =>
  target.kind === 'file' ? target.path : target.kind === 'unresolved' ? 'nothing' : target.name;

/** E.g. `shared/domain/a.ts imports '#http/auth' (shared/http/auth.ts), but shared/domain imports only …` */
function describeBreach(edge: ImportEdge, rule: LayerRule): string {
  return `${edge.from} imports '${edge.specifier}' (${describeTarget(edge.to)}), but ${rule.says}`;
}

/** Every import that breaks the rule, described. */
export function breachesOf(graph: ImportGraph, rule: LayerRule): string[] {
  return graph.edges
    .filter((edge) => rule.holds(edge.from) && rule.refuses(edge.to))
    .map((edge) => describeBreach(edge, rule));
}

/**
 * The import cycles between the graph's files: one per strongly connected
 * group of files (Tarjan), shown as its shortest loop, e.g.
 * `a.ts → b.ts → a.ts`.
 */
export function importCycles(graph: ImportGraph): string[] {
  const next = new Map<string, Set<string>>(graph.files.map((file) => [file, new Set()]));
  for (const { from, to } of graph.edges) {
    if (to.kind === 'file' && next.has(to.path)) next.get(from)?.add(to.path);
  }

  const seen = new Map<string, { readonly index: number; lowLink: number }>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string) => {
    const mark = { index: seen.size, lowLink: seen.size };
    seen.set(file, mark);
    stack.push(file);
    onStack.add(file);
    for (const target of next.get(file) ?? []) {
      const reached = seen.get(target);
      if (reached === undefined) {
        mark.lowLink = Math.min(mark.lowLink, visit(target));
      } else if (onStack.has(target)) {
        mark.lowLink = Math.min(mark.lowLink, reached.index);
      }
    }
    if (mark.lowLink === mark.index) {
      const group: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        group.push(member);
        if (member === file) break;
      }
      if (group.length > 1 || next.get(file)?.has(file)) groups.push(group.sort());
    }
    return mark.lowLink;
  };
  for (const file of graph.files) if (!seen.has(file)) visit(file);

  return groups.map((group) => shortestLoop(group, next).join(' → '));
}

/** The shortest path from the group's first file back to itself, inside the group (breadth first). */
function shortestLoop(group: readonly string[], next: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const [start = ''] = group;
  const members = new Set(group);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const target of next.get(file) ?? []) {
      if (target === start) {
        const path: string[] = [];
        for (let at: string | undefined = file; at !== undefined && at !== start; at = cameFrom.get(at)) {
          path.unshift(at);
        }
        return [start, ...path, start];
      }
      if (members.has(target) && !cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
