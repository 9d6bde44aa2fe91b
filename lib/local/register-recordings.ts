import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

/**
 * One recorded exchange with a company register (`events/registers/…`):
 * the request it answers (method, path, and the query parameters or JSON
 * body fields that must match) and the answer, as JSON `body` or raw `text`.
 * `once` answers only the first matching request (a throttle that passes);
 * `delayMs` holds the answer back (a slow register).
 */
export const registerRecording = z.strictObject({
  description: z.string(),
  once: z.boolean().optional(),
  delayMs: z.int().nonnegative().optional(),
  request: z.strictObject({
    method: z.enum(['GET', 'POST']),
    path: z.string().startsWith('/'),
    query: z.record(z.string(), z.string()).optional(),
    body: z.record(z.string(), z.string()).optional(),
  }),
  response: z.strictObject({
    status: z.int().min(100).max(599),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
    text: z.string().optional(),
  }),
});

export type RegisterRecording = z.infer<typeof registerRecording> & { readonly file: string };

/** Every recording under `dir`, in file-name order: of two that answer a request, the first answers. */
export function loadRegisterRecordings(dir: string): RegisterRecording[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const parsed = registerRecording.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file} is not a register recording: ${parsed.error.message}`);
      return { ...parsed.data, file: name };
    });
}

/** Whether a recording answers the request: same method and path, and its query/body fields equal. */
export function answers(
  recording: RegisterRecording,
  method: string,
  url: URL,
  body: Readonly<Record<string, unknown>>,
): boolean {
  const { request } = recording;
  if (request.method !== method || request.path !== url.pathname) return false;
  const queryMatches = Object.entries(request.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v);
  const bodyMatches = Object.entries(request.body ?? {}).every(([k, v]) => body[k] === v);
  return queryMatches && bodyMatches;
}
