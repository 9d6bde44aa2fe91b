import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '#api/docs/all-routes';
import { openApiDocument } from '#api/docs/openapi';
import { problemCodes, problemTypeOf } from '#http/problem-types';

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

describe('the problems in the OpenAPI document', () => {
  const problemTypes = (schema: unknown): string[] => {
    const enumOf = (s: unknown): string[] | undefined =>
      (s as { properties?: { type?: { enum?: string[] } } } | undefined)?.properties?.type?.enum;
    const parts = (schema as { allOf?: unknown[] }).allOf ?? [schema];
    return parts.flatMap((part) => enumOf(part) ?? []);
  };
  const responseTypes = (doc: Document, path: string, method: string, status: string): string[] => {
    const response = doc.paths[path]?.[method]?.responses[status] as
      | { content: Record<string, { schema: unknown }> }
      | undefined;
    const schema = response?.content['application/problem+json']?.schema as { $ref?: string } | undefined;
    const referenced = schema?.$ref?.replace('#/components/schemas/', '');
    const components = (doc.components as { schemas?: Record<string, unknown> } | undefined)?.schemas;
    return problemTypes(referenced ? components?.[referenced] : schema);
  };

  it('enumerates every problem type in the Problem schema', () => {
    // Prepare
    const doc = generated();

    // Act
    const types = problemTypes((doc.components as { schemas: Record<string, unknown> }).schemas.Problem);

    // Assess
    expect(types).toEqual(problemCodes.map((code) => `urn:gridline:problem:${code}`));
  });

  it('names the conflicts an operation can answer with', () => {
    // Prepare
    const doc = generated();

    // Act
    const createAccount = responseTypes(doc, '/v1/accounts', 'post', '409');
    const deleteIndustry = responseTypes(doc, '/v1/settings/industries/{industryId}', 'delete', '409');
    const deleteKeyword = responseTypes(doc, '/v1/settings/keywords/{keywordId}', 'delete', '409');

    // Assess
    expect(createAccount).toContain('urn:gridline:problem:org-number-taken');
    expect(createAccount).not.toContain('urn:gridline:problem:setting-in-use');
    expect(deleteIndustry).toEqual(
      expect.arrayContaining(['urn:gridline:problem:setting-in-use', 'urn:gridline:problem:job-running']),
    );
    expect(deleteKeyword).toContain('urn:gridline:problem:setting-in-use');
    expect(deleteKeyword).not.toContain('urn:gridline:problem:job-running');
  });

  it('lists every problem of a status for an operation that names none of its own', () => {
    // Prepare
    const doc = generated();

    // Act
    const types = responseTypes(doc, '/v1/accounts/{accountId}/notes', 'post', '409');

    // Assess
    expect(types).toEqual(
      problemCodes
        .filter((code) => problemTypeOf(code).status === 409)
        .map((code) => `urn:gridline:problem:${code}`),
    );
  });
});

describe('the derived gas figures in the OpenAPI document', () => {
  it('say how the conversion rounds: exactly computed, once, half up, to whole kWh and m³', () => {
    // Prepare
    const doc = generated();
    const schemas = (doc.components as { schemas: Record<string, { properties?: Record<string, unknown> }> })
      .schemas;
    const derived = schemas.SupplyPoint?.properties?.derived as {
      properties: { gas: { properties: Record<string, { description?: string }> } };
    };

    // Act
    const { annualKwh, annualM3 } = derived.properties.gas.properties;

    // Assess
    expect(annualKwh?.description).toContain('whole kWh');
    expect(annualKwh?.description).toContain('m³ × coefficient × calorific value');
    expect(annualKwh?.description).toContain('rounded once, half up');
    expect(annualM3?.description).toContain('whole m³');
    expect(annualM3?.description).toContain('rounded once, half up');
  });
});
