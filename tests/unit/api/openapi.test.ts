import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '#api/docs/all-routes';
import { openApiDocument } from '#api/docs/openapi';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}

interface Document {
  openapi: string;
  security?: Record<string, string[]>[];
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Record<string, Operation>>;
}

/** The document as a client downloads it: plain JSON. */
function generated(): Document {
  return JSON.parse(JSON.stringify(openApiDocument(allRoutes))) as Document;
}

function operations(doc: Document): { method: string; path: string; operation: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

describe('openApiDocument', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    // Prepare
    const doc = generated();

    // Act
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);

    // Assess
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(result).toEqual({ valid: true });
  });

  it('describes every route of the API, and nothing else', () => {
    // Prepare
    const doc = generated();

    // Act
    const documented = operations(doc).map((o) => `${o.method} ${o.path}`);

    // Assess
    expect(allRoutes.length).toBeGreaterThan(0);
    expect(documented.sort()).toEqual(allRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('gives each operation its operation id', () => {
    // Prepare
    const doc = generated();

    // Act
    const ids = operations(doc).map((o) => `${o.method} ${o.path} ${o.operation.operationId}`);

    // Assess
    expect(ids.sort()).toEqual(allRoutes.map((r) => `${r.method} ${r.path} ${r.operationId}`).sort());
  });

  it('requires a bearer token for every non-public operation and declares its 401', () => {
    // Prepare
    const doc = generated();
    const protectedRoutes = allRoutes.filter((r) => r.permission !== 'public');

    // Act
    const found = protectedRoutes.map((route) => {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      return {
        route: `${route.method} ${route.path}`,
        security: operation?.security ?? doc.security,
        declares401: operation !== undefined && '401' in operation.responses,
      };
    });

    // Assess
    expect(protectedRoutes.length).toBeGreaterThan(0);
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const f of found)
      expect(f, f.route).toEqual({ route: f.route, security: [{ bearer: [] }], declares401: true });
  });

  it('lets public operations be called without a token', () => {
    // Prepare
    const doc = generated();
    const publicRoutes = allRoutes.filter((r) => r.permission === 'public');

    // Act
    const security = publicRoutes.map(
      (route) => doc.paths[route.path]?.[route.method.toLowerCase()]?.security,
    );

    // Assess
    expect(publicRoutes.length).toBeGreaterThan(0);
    expect(security).toEqual(publicRoutes.map(() => []));
  });
});
