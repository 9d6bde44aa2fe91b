import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFunctions } from '../../../lib/local/functions';
import { LocalFailures } from '../../../lib/local/local-failures';
import { operatorPage } from '../../../lib/local/operator-page';
import type { FunctionDefinition } from '../../../lib/topology-types';

/** A function whose handler answers as the event says: throw, fail records, answer 5xx or succeed. */
function fixture(): { root: string; fn: FunctionDefinition } {
  const root = mkdtempSync(path.join(tmpdir(), 'gridline-functions-'));
  writeFileSync(
    path.join(root, 'handler.mjs'),
    `export const handler = async (event) => {
      if (event.throw) throw new Error(event.throw);
      if (event.failIds) return { batchItemFailures: event.failIds.map((id) => ({ itemIdentifier: id })) };
      if (event.status) return { statusCode: event.status };
      return { batchItemFailures: [] };
    };`,
  );
  const fn = {
    name: 'audit-recorder',
    entry: 'handler.mjs',
    timeoutSeconds: 30,
    memoryMb: 256,
  } as FunctionDefinition;
  return { root, fn };
}

describe('the local functions', () => {
  it('count invocations and errors, and keep every failure a handler threw or reported, newest first', async () => {
    // Prepare
    const { root, fn } = fixture();
    const failures = new LocalFailures();
    const functions = new LocalFunctions(root, undefined, failures);

    // Act
    await functions.invoke(fn, {});
    await functions.invoke(fn, { failIds: ['m-1', 'm-2'] });
    await functions.invoke(fn, { status: 502 });
    await functions.invoke(fn, { status: 404 });
    const thrown = await functions.invoke(fn, { throw: 'the table is gone' }).catch((e: Error) => e.message);

    // Assess
    expect(thrown).toBe('the table is gone');
    expect(functions.stats()).toEqual([
      { name: 'audit-recorder', invocations: 5, errors: 1, coldStarts: 1, p95Ms: expect.any(Number) },
    ]);
    expect(failures.recent().map((f) => [f.where, f.what])).toEqual([
      ['audit-recorder', 'the table is gone'],
      ['audit-recorder', 'answered 502'],
      ['audit-recorder', '2 record(s) failed: m-1, m-2'],
    ]);
  });

  it('keep only the most recent failures', () => {
    const failures = new LocalFailures(3);
    for (const n of [1, 2, 3, 4, 5]) failures.record('f', `failure ${n}`);

    expect(failures.recent().map((f) => f.what)).toEqual(['failure 5', 'failure 4', 'failure 3']);
  });
});

describe('the operator page', () => {
  it('escapes what it shows and says where the dead letters are', () => {
    const page = operatorPage({
      at: '2026-12-05T08:00:00.000Z',
      queues: [
        {
          name: 'audit',
          visible: 0,
          inFlight: 0,
          sent: 3,
          deliveries: 8,
          deleted: 2,
          deadLetters: { visible: 1, inFlight: 0 },
        },
      ],
      functions: [],
      failures: [
        { at: '2026-12-05T08:00:00.000Z', where: 'audit-recorder', what: '<script>alert(1)</script>' },
      ],
      eventsRelayed: 3,
      businessMetrics: { LeadsReceived: 2 },
      fixedSchedules: [],
      upcoming: [],
      upcomingTotal: 0,
    });

    expect(page).toContain('Dead letters in audit-dlq');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;');
    expect(page).toContain('<td>LeadsReceived</td><td>2</td>');
  });
});
