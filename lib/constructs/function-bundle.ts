/**
 * How every function is bundled: an ES module for Node.js 22 with every dependency inside (the
 * AWS SDK too), minified, with a source map. The CDK construct and the bundle test read these
 * same values, so the test checks what a deployment builds.
 */
export const functionBundle = {
  target: 'node22',
  mainFields: ['module', 'main'],
  /** Lets CommonJS dependencies `require` inside an ES module. */
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
} as const;
