import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The files of swagger-ui-dist the docs page loads, as `package/file`. The
 * docs function reads them at run time; its bundle carries them in a
 * node_modules of its own (the topology's `packageFiles`).
 */
export const swaggerUiFiles = {
  stylesheet: 'swagger-ui-dist/swagger-ui.css',
  script: 'swagger-ui-dist/swagger-ui-bundle.js',
} as const;

/**
 * A package's file, found the way Node finds the package: in the project's
 * node_modules locally, in the bundle's own in Lambda.
 */
export function readPackageFile(file: string): string {
  return readFileSync(createRequire(import.meta.url).resolve(file), 'utf8');
}
