import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { docsApi } from '#api/docs/docs-bindings';
import { openApiFilePath } from '#api/docs/openapi-file';
import { createHttpHandler } from '#http/http-handler';
import { openApiFileContent } from '../../../lib/openapi-file';
import { httpEventWithClaims } from '../../support/http-event';

const root = path.resolve(import.meta.dirname, '../../..');

describe('the OpenAPI document the docs function serves', () => {
  // Generating the document converts every route's schemas: seconds, more on a busy machine.
  it('is what `npm run docs:openapi` writes now, and is served as the routes generate it', async () => {
    // Prepare
    const handler = createHttpHandler(docsApi(), new Logger({ logLevel: 'SILENT' }));

    // Act
    const generated = openApiFileContent();
    const served = await handler(httpEventWithClaims('GET /openapi.json', {}));

    // Assess
    expect(
      readFileSync(path.join(root, openApiFilePath), 'utf8'),
      `${openApiFilePath} is out of date: run npm run docs:openapi`,
    ).toBe(generated);
    expect(served.statusCode).toBe(200);
    expect(served.body).toBe(JSON.stringify(JSON.parse(generated)));
  });
});
