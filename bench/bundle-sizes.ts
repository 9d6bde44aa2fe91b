import path from 'node:path';
import { build } from 'esbuild';
import { topology } from '../lib/topology';

/** Each function bundled as the stack bundles it (minified ESM for Node 22), in bytes. */
export async function bundleSizes(projectRoot: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const fn of topology.functions) {
    const result = await build({
      entryPoints: [path.join(projectRoot, fn.entry)],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      // As the stack bundles: prefer the packages' ES modules, which tree-shake.
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
    });
    sizes[fn.name] = result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
  }
  return sizes;
}
