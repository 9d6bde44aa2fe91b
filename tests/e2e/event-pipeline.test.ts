import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handler } from '../../lib/local/functions';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime } from '../support/runtime';

describe('the event pipeline, end to end', () => {
  let runtime: LocalRuntime;
  let sweden: ReturnType<typeof clientFor>;
  /** Names of accounts whose first audit delivery crashes after its write. */
  const crashOnce = new Set<string>();
  const deliveries = new Map<string, number>();

  beforeAll(async () => {
    runtime = await startTestRuntime({
      wrapHandler: (fn, handler): Handler => {
        if (fn.name !== 'audit-recorder') return handler;
        return async (event: SQSEvent, context) => {
          const result = await handler(event, context);
          for (const record of event.Records) {
            const name = JSON.parse(record.body).detail?.data?.account?.name as string | undefined;
            if (!name || !crashOnce.has(name)) continue;
            deliveries.set(name, (deliveries.get(name) ?? 0) + 1);
            // The record was written; the function dies before SQS hears of it.
            if (deliveries.get(name) === 1) throw new Error('simulated crash after the write');
          }
          return result;
        };
      },
    });
    sweden = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('redelivers to a consumer that failed once, and the audit record is written exactly once', async () => {
    // Prepare
    crashOnce.add('Omleverans AB');
    const queue = runtime.queues.get('audit');
    const before = queue?.counts;

    // Act
    const account = await sweden.post('/v1/accounts', { name: 'Omleverans AB', customerType: 'B2B' });
    await runtime.settled();

    // Assess
    expect(deliveries.get('Omleverans AB')).toBe(2);
    const history = await sweden.get(`/v1/accounts/${account.body.id}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['AccountCreated']);
    expect(queue?.deadLetters).toHaveLength(0);
    expect((queue?.counts.deliveries ?? 0) - (before?.deliveries ?? 0)).toBeGreaterThan(
      (queue?.counts.sent ?? 0) - (before?.sent ?? 0),
    );
  });

  it('relays every change of a contact to its account’s history in order, and a move to both accounts', async () => {
    // Prepare
    const from = await sweden.post('/v1/accounts', { name: 'Flöde AB', customerType: 'B2B' });
    const to = await sweden.post('/v1/accounts', { name: 'Flöde Två AB', customerType: 'B2B' });
    const contact = await sweden.post('/v1/contacts', {
      firstName: 'Nils',
      lastName: 'Ås',
      accountId: from.body.id,
    });

    // Act
    const moved = await sweden.patch(
      `/v1/contacts/${contact.body.id}`,
      { accountId: to.body.id, phones: ['0701234599'] },
      { 'if-match': contact.headers.get('etag') as string },
    );
    await runtime.settled();

    // Assess
    expect(moved.status).toBe(200);
    expect(moved.body.accountId).toBe(to.body.id);
    const typesOf = (page: { body: { items: { type: string }[] } }) => page.body.items.map((e) => e.type);
    const contactHistory = await sweden.get(`/v1/contacts/${contact.body.id}/history`);
    expect(typesOf(contactHistory)).toEqual(['ContactUpdated', 'ContactCreated']);
    expect(contactHistory.body.items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'accountId', from: from.body.id, to: to.body.id },
        { field: 'phones', from: [], to: ['+46701234599'] },
      ]),
    );
    const fromHistory = await sweden.get(`/v1/accounts/${from.body.id}/history`);
    expect(typesOf(fromHistory)).toEqual(['ContactUpdated', 'ContactCreated', 'AccountCreated']);
    expect(fromHistory.body.items[0]).toEqual(contactHistory.body.items[0]);
    const toHistory = await sweden.get(`/v1/accounts/${to.body.id}/history`);
    expect(typesOf(toHistory)).toEqual(['ContactUpdated', 'AccountCreated']);
    expect(toHistory.body.items[0]).toEqual(contactHistory.body.items[0]);
  });
});
