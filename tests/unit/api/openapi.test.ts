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

  it('declares 429 with Retry-After on every operation metered by its tenant’s rate, and on no public one without its own meter', () => {
    // Prepare
    const doc = generated();
    const responsesOf = (route: (typeof allRoutes)[number]) =>
      (doc.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {}) as Record<
        string,
        { headers?: Record<string, unknown> } | undefined
      >;

    // Act
    const metered = allRoutes.filter((r) => r.permission !== 'public').map((r) => responsesOf(r)['429']);
    // A public operation with a meter of its own (a web form's bucket) lists 429 itself.
    const unmetered = allRoutes
      .filter((r) => r.permission === 'public' && !r.errors.includes(429))
      .map((r) => responsesOf(r)['429']);

    // Assess
    for (const response of metered) expect(response?.headers).toHaveProperty('Retry-After');
    expect(unmetered.every((response) => response === undefined)).toBe(true);
  });

  it('documents the text rules on the fields that carry them', () => {
    // Prepare
    const doc = generated();
    const schemas = (doc.components as { schemas: Record<string, { properties: Record<string, unknown> }> })
      .schemas;

    // Act
    const name = schemas.CreateAccount?.properties.name;
    const note = schemas.CreateNote?.properties.text;

    // Assess
    expect(name).toMatchObject({
      type: 'string',
      maxLength: 200,
      'x-text': 'line',
      description: expect.stringMatching(/^One line of text: normalised to NFC and trimmed; control/),
    });
    expect(note).toMatchObject({
      'x-text': 'multiline',
      description: expect.stringMatching(/line breaks and tabs allowed.*lone surrogates are refused/),
    });
  });

  it('documents both bodies of a secured operation’s 401: a problem, and API Gateway’s own message', () => {
    // Prepare
    const doc = generated();
    const protectedRoutes = allRoutes.filter((r) => r.permission !== 'public');

    // Act
    const contentTypes = protectedRoutes.map((route) => {
      const response = doc.paths[route.path]?.[route.method.toLowerCase()]?.responses['401'] as
        | { content: Record<string, unknown> }
        | undefined;
      return Object.keys(response?.content ?? {}).sort();
    });
    const components = (doc.components as { schemas: Record<string, unknown> }).schemas;

    // Assess
    expect(new Set(contentTypes.map((types) => types.join(' ')))).toEqual(
      new Set(['application/json application/problem+json']),
    );
    expect(components.GatewayMessage).toMatchObject({
      type: 'object',
      properties: { message: { type: 'string' } },
      required: ['message'],
    });
  });

  it('documents a text success body under its own content type, not as JSON', () => {
    // Prepare
    const doc = generated();
    const textRoutes = allRoutes.filter((r) => r.success.contentType !== undefined);

    // Act
    const documented = textRoutes.map((route) => {
      const response = doc.paths[route.path]?.[route.method.toLowerCase()]?.responses[
        String(route.success.status)
      ] as { content?: Record<string, unknown> } | undefined;
      return [route.operationId, Object.keys(response?.content ?? {})];
    });

    // Assess
    expect(documented.map(([id]) => id)).toContain('verifySocialWebhook');
    expect(documented).toEqual(
      textRoutes.map((route) => [route.operationId, [route.success.contentType?.split(';')[0]]]),
    );
  });

  it('documents the gateway’s 431 problem on every operation', () => {
    // Prepare
    const doc = generated();

    // Act
    const answers = operations(doc).map(({ operation }) =>
      Object.keys((operation.responses['431'] as { content?: object } | undefined)?.content ?? {}),
    );

    // Assess
    expect(answers.length).toBe(allRoutes.length);
    expect(new Set(answers.map((types) => types.join(' ')))).toEqual(new Set(['application/problem+json']));
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

  it('documents what the shell answers any operation of its shape, listed in its contract or not', () => {
    // Prepare
    const doc = generated();

    // Act
    const internal = allRoutes.map((r) => responseTypes(doc, r.path, r.method.toLowerCase(), '500'));
    const retried = allRoutes
      .filter((r) => r.idempotent)
      .map((r) => responseTypes(doc, r.path, r.method.toLowerCase(), '409'));
    const invalidInput = allRoutes
      .filter((r) => r.params || r.query || (r.body && !r.signed))
      .map((r) => responseTypes(doc, r.path, r.method.toLowerCase(), '400'));

    // Assess
    expect(new Set(internal.map((types) => types.join(' ')))).toEqual(
      new Set(['urn:gridline:problem:internal']),
    );
    for (const types of retried) expect(types).toContain('urn:gridline:problem:idempotency-in-progress');
    for (const types of invalidInput) expect(types).toContain('urn:gridline:problem:validation');
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
