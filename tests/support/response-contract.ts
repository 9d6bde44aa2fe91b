import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { allRoutes } from '#api/docs/all-routes';
import { openApiDocument } from '#api/docs/openapi';

interface MediaType {
  readonly schema?: unknown;
}
interface DocumentedResponse {
  readonly content?: Record<string, MediaType>;
}
interface Operation {
  readonly operationId: string;
  readonly responses: Record<string, DocumentedResponse>;
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

/** An answer as a client saw it: the body is the parsed JSON, the text, or undefined when empty. */
export interface ObservedResponse {
  readonly method: string;
  /** The path and query as requested, such as `/v1/accounts?q=x`. */
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
}

/** The document as a client downloads it: plain JSON. */
const document = JSON.parse(JSON.stringify(openApiDocument(allRoutes))) as Document;

// ajv-formats is CommonJS: its function is the default export's default.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default;
// strict: false lets ajv take OpenAPI's own keywords (example, discriminator) as annotations.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const componentsId = 'gridline-components.json';
ajv.addSchema({ $id: componentsId, components: document.components ?? {} });

/** A response schema compiled once, its references pointed at the document's components. */
const validators = new Map<unknown, ValidateFunction>();
function validatorOf(schema: unknown): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    const text = JSON.stringify(schema ?? {}).replaceAll('"#/components/', `"${componentsId}#/components/`);
    validate = ajv.compile(JSON.parse(text) as object);
    validators.set(schema, validate);
  }
  return validate;
}

interface Template {
  readonly path: string;
  readonly pattern: RegExp;
  readonly literals: number;
}

/** Path templates, most literal segments first, as API Gateway prefers them. */
const templates: readonly Template[] = Object.keys(document.paths)
  .map((path) => ({
    path,
    pattern: new RegExp(
      `^${path
        .split('/')
        .map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}$`,
    ),
    literals: path.split('/').filter((s) => !s.startsWith('{')).length,
  }))
  .sort((a, b) => b.literals - a.literals);

/** The operation a method and concrete path call, with its path template. */
export function operationOf(method: string, url: string): { path: string; operation: Operation } | undefined {
  const pathname = new URL(url, 'http://api.invalid').pathname;
  const lower = method.toLowerCase();
  const template = templates.find((t) => t.pattern.test(pathname) && document.paths[t.path]?.[lower]);
  const operation = template && document.paths[template.path]?.[lower];
  return template && operation ? { path: template.path, operation } : undefined;
}

const mediaTypeOf = (contentType: string | null) => contentType?.split(';')[0]?.trim().toLowerCase();

function schemaErrors(schema: unknown, body: unknown): string[] {
  const validate = validatorOf(schema);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    return `${e.instancePath || 'body'} ${e.message}${extra ? `: ${extra}` : ''}`;
  });
}

/** Answers that match no operation: the gateway's own not-found problem is the only one. */
function unroutedErrors(response: ObservedResponse): string[] {
  const problem = response.body as { type?: unknown } | undefined;
  if (
    response.status === 404 &&
    mediaTypeOf(response.contentType) === 'application/problem+json' &&
    problem?.type === 'urn:gridline:problem:not-found'
  ) {
    return [];
  }
  return [`${response.status} ${response.contentType}: no operation is ${response.method} ${response.url}`];
}

/**
 * What in an answer the OpenAPI document does not describe: a status the
 * operation does not list, a content type it does not name, a body its
 * schema refuses. Empty when the answer is what the document promises.
 */
export function contractViolations(response: ObservedResponse): string[] {
  const found = operationOf(response.method, response.url);
  if (!found) return unroutedErrors(response);
  const { path, operation } = found;
  const name = `${operation.operationId} (${response.method} ${path}) answered ${response.status}`;
  const statusKey = String(response.status) in operation.responses ? String(response.status) : 'default';
  const documented = operation.responses[statusKey];
  if (!documented) return [`${name}, a status it does not document`];
  const content = documented.content ?? {};
  const type = mediaTypeOf(response.contentType);
  if (Object.keys(content).length === 0) {
    return response.body === undefined ? [] : [`${name} with a ${type} body where it documents none`];
  }
  if (!type || !(type in content)) {
    return [`${name} with ${type ?? 'no content type'}, not ${Object.keys(content).join(' or ')}`];
  }
  return schemaErrors(content[type]?.schema, response.body).map((error) => `${name}: ${error}`);
}

/** Throws, naming every difference, when an answer is not what the OpenAPI document promises. */
export function assertFitsContract(response: ObservedResponse): void {
  const violations = contractViolations(response);
  if (violations.length > 0) {
    throw new Error(`the answer differs from /openapi.json:\n  ${violations.join('\n  ')}`);
  }
}
