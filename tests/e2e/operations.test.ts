import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObservedHandler } from '#runtime/observability/observed-handler';
import type { Handler } from '../../lib/local/functions';
import type { OperationsSnapshot } from '../../lib/local/operations-snapshot';
import type { LocalRuntime } from '../../lib/local/runtime';
import { LOCAL_STACK_NAME } from '../../lib/local/sqs-local';
import { runDlqCli } from '../../lib/operations/dlq-cli';
import { topology } from '../../lib/topology';
import { callApi, clientFor, startTestRuntime } from '../support/runtime';

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
  /** Names of accounts whose events the audit recorder fails, as if a bug broke it for them. */
  const broken = new Set<string>();

  beforeAll(async () => {
    runtime = await startTestRuntime({
      wrapHandler: (fn, handler): Handler => {
        if (fn.name !== 'audit-recorder') return handler;
        return async (event: SQSEvent, context) => {
          const failing = event.Records.filter((r) =>
            broken.has(JSON.parse(r.body).detail?.data?.account?.name),
          );
          const working = event.Records.filter((r) => !failing.includes(r));
          for (const record of working) {
            const { detail } = JSON.parse(record.body);
            received.push({
              type: detail.type,
              subjectId: detail.subject.id,
              correlationId: detail.correlationId,
            });
          }
          const response = (await handler({ Records: working }, context)) as SQSBatchResponse | undefined;
          return {
            batchItemFailures: [
              ...(response?.batchItemFailures ?? []),
              ...failing.map((r) => ({ itemIdentifier: r.messageId })),
            ],
          };
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
    // A public caller's id is not taken.
    const forged = await callApi(runtime, 'GET', '/v1/unsubscribe/not-a-token', {
      headers: { 'x-correlation-id': 'support-ticket-4711' },
    });
    expect(forged.headers.get('x-correlation-id')).not.toBe('support-ticket-4711');
    // Without one from the caller, the request's own id is the correlation id.
    const requestId = plain.headers.get('x-correlation-id');
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    expect(received.find((r) => r.subjectId === plain.body.id)?.correlationId).toBe(requestId);
  });

  it('follows the correlation id of a newsletter’s send through its pages to the event that it was sent', async () => {
    // Prepare: a reviewed newsletter to one contact.
    const run = Date.now().toString(36);
    const keyword = await admin.post('/v1/settings/keywords', { title: `Driftbrev ${run}` });
    await admin.post('/v1/contacts', {
      firstName: 'Greta',
      lastName: 'Kund',
      email: `greta-${run}@kunder.example`,
      keywords: [keyword.body.id],
      newsletterConsent: true,
    });
    const created = await admin.post('/v1/newsletters', {
      senderName: 'Norrsken Energi',
      senderAddress: 'kundservice@norrsken.example',
      subject: `Driftbrev ${run}`,
      body: '<p>Planerat underhåll.</p>',
      filter: { match: 'all', keywordIds: [keyword.body.id] },
    });
    const demo = created.body;
    const reviewed = await admin.post(`/v1/newsletters/${demo.id}/review`, {});

    // Act
    const sent = await admin.post(
      `/v1/newsletters/${demo.id}/send`,
      {},
      { 'x-correlation-id': 'kampanj-12' },
    );
    await runtime.settled();

    // Assess: the pages went through the sender's own queue; the end of the send still carries the id.
    expect(reviewed.status).toBe(200);
    expect(sent.status).toBe(200);
    const ofSend = received.filter((r) => r.subjectId === demo.id && r.type.startsWith('NewsletterSen'));
    expect(ofSend.map((r) => r.type)).toEqual(['NewsletterSendStarted', 'NewsletterSent']);
    expect(new Set(ofSend.map((r) => r.correlationId))).toEqual(new Set(['kampanj-12']));
  });

  it('keeps a message its consumer kept failing in the dead-letter queue, and consumes it once when redriven after the fix', async () => {
    // Prepare: the audit recorder fails this account's events; the local runtime's facts, as npm start writes them.
    broken.add('Trasig AB');
    const runtimeFile = path.join(mkdtempSync(path.join(tmpdir(), 'gridline-ops-')), 'runtime.json');
    writeFileSync(
      runtimeFile,
      JSON.stringify({ sqsEndpoint: runtime.sqsEndpoint, stackName: LOCAL_STACK_NAME }),
    );
    const output: string[] = [];
    const dlq = (...args: string[]) =>
      runDlqCli(args, {
        topology,
        env: {},
        runtimeFile,
        print: (line) => output.push(line),
        pollIntervalMs: 5,
      });
    const deadLetters = () => runtime.queues.get('audit')?.deadLetters.length;

    // Act 1: the failure.
    const account = await admin.post(
      '/v1/accounts',
      { name: 'Trasig AB', customerType: 'B2B' },
      {
        'x-correlation-id': 'trasig-1',
      },
    );
    await runtime.settled();
    const historyWhileBroken = await admin.get(`/v1/accounts/${account.body.id}/history`);
    const listed = await dlq('list');
    const listing = output.splice(0).join('\n');
    const peeked = await dlq('peek', 'audit-dlq');
    const peek = output.splice(0).join('\n');
    const operations = (await (
      await fetch(`${runtime.operationsUrl}?format=json`)
    ).json()) as OperationsSnapshot;
    const page = await fetch(runtime.operationsUrl);
    const pageText = await page.text();

    // Act 2: the fix, then the redrive.
    broken.delete('Trasig AB');
    const redriven = await dlq('redrive', 'audit-dlq');
    await runtime.settled();
    const history = await admin.get(`/v1/accounts/${account.body.id}/history`);

    // Assess
    expect(historyWhileBroken.body.items).toEqual([]);
    expect(listed).toBe(0);
    expect(listing).toMatch(/^! audit-dlq\s+1 message$/m);
    expect(peeked).toBe(0);
    expect(peek).toContain('AccountCreated');
    expect(peek).toContain('trasig-1');
    expect(operations.queues.find((q) => q.name === 'audit')?.deadLetters).toEqual({
      visible: 1,
      inFlight: 0,
    });
    expect(operations.failures[0]).toMatchObject({
      where: 'audit-recorder',
      what: expect.stringMatching(/failed/),
    });
    expect(operations.fixedSchedules.map((s) => s.name)).toEqual(topology.schedules.map((s) => s.name));
    expect(operations.businessMetrics.LeadsReceived).toBeGreaterThanOrEqual(1);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(pageText).toContain('Dead letters in audit-dlq');
    expect(redriven).toBe(0);
    expect(deadLetters()).toBe(0);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['AccountCreated']);
    expect(received.filter((r) => r.subjectId === account.body.id).map((r) => r.type)).toEqual([
      'AccountCreated',
    ]);
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
