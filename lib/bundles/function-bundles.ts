import { type BuildOptions, build } from 'esbuild';
import { functionBundle } from '../constructs/function-bundle';
import type { FunctionDefinition } from '../topology-types';

/** One function's bundle as the stack builds it: its size and the packages that kept code in it. */
export interface FunctionBundle {
  readonly name: string;
  readonly entry: string;
  /** Minified JavaScript, without the source map. */
  readonly bytes: number;
  /** Bytes each installed package contributes (`@scope/name` or `name`). */
  readonly packageBytes: Readonly<Record<string, number>>;
  /** The source files that kept code in the bundle, by their path from the project root. */
  readonly inputs: readonly string[];
  /** What the bundle imports at run time instead of carrying it (Node.js's own modules only). */
  readonly externalImports: readonly string[];
  /** The bundle itself, to load it in a fresh process. */
  readonly code: Uint8Array;
}

/** The esbuild options of a deployed function, without source maps (they never load unless asked for). */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: functionBundle.target,
  mainFields: [...functionBundle.mainFields],
  banner: { js: functionBundle.banner },
  minify: functionBundle.minify,
  write: false,
  metafile: true,
  logLevel: 'silent',
} satisfies BuildOptions;

/** `node_modules/@aws-sdk/client-s3/dist-es/…` → `@aws-sdk/client-s3`; app files → undefined. */
export function packageOfInput(input: string): string | undefined {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

/**
 * Builds every function of the topology in one esbuild run: without code
 * splitting each entry's output is what building it alone gives, as a synth does.
 */
export async function buildFunctionBundles(
  projectRoot: string,
  functions: readonly FunctionDefinition[],
): Promise<FunctionBundle[]> {
  const entries = [...new Set(functions.map((definition) => definition.entry))];
  const result = await build({
    ...bundleOptions,
    absWorkingDir: projectRoot,
    entryPoints: entries,
    outdir: 'bundles',
  });
  const outputs = new Map(
    Object.entries(result.metafile.outputs).flatMap(([file, output]) =>
      output.entryPoint === undefined ? [] : [[output.entryPoint, { file, output }] as const],
    ),
  );
  return functions.map((definition) => {
    const built = outputs.get(definition.entry);
    const code = result.outputFiles.find((file) => built !== undefined && file.path.endsWith(built.file));
    if (built === undefined || code === undefined) throw new Error(`no bundle for ${definition.name}`);
    const packageBytes: Record<string, number> = {};
    for (const [input, { bytesInOutput }] of Object.entries(built.output.inputs)) {
      const name = packageOfInput(input);
      if (name !== undefined && bytesInOutput > 0)
        packageBytes[name] = (packageBytes[name] ?? 0) + bytesInOutput;
    }
    return {
      name: definition.name,
      entry: definition.entry,
      bytes: built.output.bytes,
      packageBytes,
      inputs: Object.entries(built.output.inputs).flatMap(([input, { bytesInOutput }]) =>
        bytesInOutput > 0 ? [input] : [],
      ),
      externalImports: built.output.imports.filter((i) => i.external).map((i) => i.path),
      code: code.contents,
    };
  });
}
