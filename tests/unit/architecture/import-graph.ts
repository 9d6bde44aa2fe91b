import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Where an import leads: a source file of the project, a package, or a Node built-in. */
export type ImportTarget =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'package'; readonly name: string }
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'unresolved' };

export interface ImportEdge {
  /** Project-relative path with `/` separators, e.g. `shared/http/auth.ts`. */
  readonly from: string;
  /** The specifier as written, e.g. `#domain/errors` or `./auth`. */
  readonly specifier: string;
  readonly to: ImportTarget;
}

/** Every file under `folders` (project-relative) and what each of its imports resolves to. */
export interface ImportGraph {
  readonly files: readonly string[];
  readonly edges: readonly ImportEdge[];
}

const builtins = new Set(builtinModules);

const toPosix = (path: string) => path.split(sep).join('/');

function sourceFilesUnder(root: string, folder: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFilesUnder(root, path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [toPosix(path)] : [];
  });
}

/** `@aws-sdk/client-s3/dist` → `@aws-sdk/client-s3`; `libphonenumber-js/max` → `libphonenumber-js`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** The package.json `imports` map, e.g. `#domain/*` → `./shared/domain/*.ts`. */
type SubpathImports = Readonly<Record<string, string>>;

function readSubpathImports(root: string): SubpathImports {
  const manifest: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (typeof manifest !== 'object' || manifest === null || !('imports' in manifest)) return {};
  const imports = manifest.imports;
  if (typeof imports !== 'object' || imports === null) return {};
  return Object.fromEntries(
    Object.entries(imports).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Node's subpath-import matching: an exact key, or a `prefix*suffix` pattern. */
function expandSubpath(specifier: string, imports: SubpathImports): string | undefined {
  if (imports[specifier] !== undefined) return imports[specifier];
  for (const [pattern, target] of Object.entries(imports)) {
    const star = pattern.indexOf('*');
    if (star < 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (specifier.length < pattern.length - 1) continue;
    if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    const matched = specifier.slice(prefix.length, specifier.length - suffix.length);
    return target.replaceAll('*', matched);
  }
  return undefined;
}

/** A file path as the bundler resolves it: as written, with `.ts`, or as a folder's `index.ts`. */
function existingFile(root: string, absolute: string): string | undefined {
  for (const candidate of [absolute, `${absolute}.ts`, join(absolute, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return toPosix(relative(root, candidate));
  }
  return undefined;
}

function resolveImport(root: string, from: string, specifier: string, imports: SubpathImports): ImportTarget {
  if (specifier.startsWith('#')) {
    const target = expandSubpath(specifier, imports);
    const path = target && existingFile(root, resolve(root, target));
    return path ? { kind: 'file', path } : { kind: 'unresolved' };
  }
  if (specifier.startsWith('.')) {
    const path = existingFile(root, resolve(root, dirname(from), specifier));
    return path ? { kind: 'file', path } : { kind: 'unresolved' };
  }
  if (specifier.startsWith('node:') || builtins.has(specifier)) return { kind: 'builtin', name: specifier };
  return { kind: 'package', name: packageNameOf(specifier) };
}

/**
 * Reads the imports of every `.ts` file under the given folders with the
 * TypeScript scanner: static imports and re-exports (type-only ones too) and
 * dynamic `import()`.
 */
export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const imports = readSubpathImports(root);
  const files = folders.flatMap((folder) => sourceFilesUnder(root, folder)).sort();
  const edges = files.flatMap((from) => {
    const source = readFileSync(join(root, from), 'utf8');
    const { importedFiles } = ts.preProcessFile(source, true, true);
    return importedFiles.map(({ fileName: specifier }) => ({
      from,
      specifier,
      to: resolveImport(root, from, specifier, imports),
    }));
  });
  return { files, edges };
}
