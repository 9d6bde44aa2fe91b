import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObservedHandler } from '#runtime/observability/observed-handler';
import type { Handler } from '../../lib/local/functions';
import type { LocalRuntime } from '../../lib/local/runtime';
import { topology } from '../../lib/topology';
import { clientFor, startTestRuntime } from '../support/runtime';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** What the audit recorder (which takes every event) received: type and correlation id, by subject id. */
interface Received {
  readonly type: string;
  readonly subjectId: string;
  readonly correlationId?: string;
}

describe('operations, end to end', () => {
  let runtime: LocalRuntime;
  let admin: ReturnType<typeof clientFor>;
  const received: Received[] = [];

  beforeAll(async () => {
    runtime = await startTestRuntime({
      wrapHandler: (fn, handler): Handler => {
        if (fn.name !== 'audit-recorder') return handler;
        return async (event: SQSEvent, context) => {
          for (const record of event.Records) {
            const { detail } = JSON.parse(record.body);
            received.push({
              type: detail.type,
              subjectId: detail.subject.id,
              correlationId: detail.correlationId,
            });
          }
          return handler(event, context);
        };
      },
    });
    admin = clientFor(runtime, runtime.tenants.find((t) => t.id === 'norrsken')?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('follows a request’s correlation id through the outbox, the bus and a consumer into the events it writes', async () => {
    // Act: a lead by hand, which the lead pipeline routes in the background, booking a follow-up.
    const created = await admin.post(
      '/v1/leads',
      {
        companyName: 'Spårbar AB',
        lastName: 'Spår',
        email: 'spar@sparbar.example',
        segment: 'B2B',
        commodity: 'electricity',
        annualConsumptionKwh: 90_000,
      },
      { 'x-correlation-id': 'support-ticket-4711' },
    );
    const plain = await admin.post('/v1/accounts', { name: 'Okorrelerad AB', customerType: 'B2B' });
    await runtime.settled();

    // Assess: the answer names the id; every event of the lead, the pipeline's too, carries it.
    expect(created.status).toBe(201);
    expect(created.headers.get('x-correlation-id')).toBe('support-ticket-4711');
    const ofLead = received.filter((r) => r.subjectId === created.body.id);
    expect(ofLead.map((r) => r.type)).toEqual(
      expect.arrayContaining(['LeadCreated', 'LeadRouted', 'ActivityScheduled']),
    );
    expect(new Set(ofLead.map((r) => r.correlationId))).toEqual(new Set(['support-ticket-4711']));
    // Without one from the caller, the request's own id is the correlation id.
    const requestId = plain.headers.get('x-correlation-id');
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    expect(received.find((r) => r.subjectId === plain.body.id)?.correlationId).toBe(requestId);
  });

  it('gives every function of the topology a handler with logging context, correlation and cold-start metric', async () => {
    const unobserved: string[] = [];
    for (const fn of topology.functions) {
      const module = (await import(pathToFileURL(path.join(projectRoot, fn.entry)).href)) as {
        handler: unknown;
      };
      if (!isObservedHandler(module.handler)) unobserved.push(fn.name);
    }

    expect(unobserved).toEqual([]);
  });
});
