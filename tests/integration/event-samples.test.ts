import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { outboxRelayHandler } from '#runtime/outbox-relay';
import { DynamoHistoryStore } from '#table/core/history-store';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';
import { lambdaContext } from '../../lib/local/lambda-context';
import { LocalEventBus } from '../../lib/local/local-event-bus';
import { LocalQueue } from '../../lib/local/local-queue';
import { topology } from '../../lib/topology';
import { freshTable } from '../support/local-table';

const sample = (name: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../events', name), 'utf8'));
const fn = (name: string) => {
  const found = topology.functions.find((f) => f.name === name);
  if (!found) throw new Error(`${name} is not in the topology`);
  return found;
};

/** The payloads in events/ are real: each goes through the function that receives it. */
describe('the sample payloads in events/', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;

  beforeAll(async () => {
    table = await freshTable();
    await new DynamoTenantDirectory(table).save({
      id: 'norrsken',
      name: 'Norrsken Energi AB',
      country: 'SE',
      currency: 'SEK',
      timeZone: 'Europe/Stockholm',
    });
    // The functions read their table from the environment, as in Lambda.
    Object.assign(process.env, {
      TABLE_NAME: table.name,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      AWS_REGION: LOCAL_DYNAMODB_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
    });
  });

  it('creates a contact from the HTTP sample and identifies it from the other', async () => {
    const { handler } = await import('../../functions/accounts-api');

    const created = await handler(sample('http/create-contact.json'), lambdaContext(fn('accounts-api')));
    const identified = await handler(
      sample('http/identify-by-phone.json'),
      lambdaContext(fn('accounts-api')),
    );

    expect(created.statusCode).toBe(201);
    expect(identified.statusCode).toBe(200);
    const body = JSON.parse(identified.body as string);
    expect(body.contacts[0].contact).toMatchObject({
      lastName: 'Svensson',
      email: 'anna.svensson@example.se',
    });
  });

  it('records the queue sample in the account’s history', async () => {
    const { handler } = await import('../../functions/audit-recorder');
    const event: SQSEvent = sample('queue/audit-account-updated.json');

    const response = await handler(event, lambdaContext(fn('audit-recorder')));

    expect(response).toEqual({ batchItemFailures: [] });
    const history = await new DynamoHistoryStore(table).list(
      'norrsken',
      { type: 'account', id: '01KAQ3X1A2B3C4D5E6F7G8H9J0' },
      { limit: 10 },
    );
    expect(history.items).toMatchObject([{ type: 'AccountUpdated', actorId: 'norrsken-sales' }]);
  });

  it('relays the stream sample to the bus as the bus sample', async () => {
    // Prepare
    const received: string[] = [];
    const audit = topology.queues.find((q) => q.name === 'audit');
    if (!audit) throw new Error('no audit queue');
    const queue = new LocalQueue(audit, async (event) => {
      received.push(...event.Records.map((r) => r.body));
    });
    const bus = new LocalEventBus(topology.rules, new Map([['audit', queue]]));
    const client = new EventBridgeClient({ endpoint: await bus.listen(), region: LOCAL_DYNAMODB_REGION });

    // Act
    const response = await outboxRelayHandler(client, 'bus')(sample('stream/outbox-insert.json'));
    await queue.drained();
    await bus.close();

    // Assess
    const expected = sample('bus/account-updated.json');
    expect(response).toEqual({ batchItemFailures: [] });
    expect(received).toHaveLength(1);
    const delivered = JSON.parse(received[0] as string);
    expect(delivered['detail-type']).toBe(expected['detail-type']);
    expect(delivered.source).toBe(expected.source);
    expect(delivered.detail).toEqual(expected.detail);
  });
});
