import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isEventName } from '#domain/event-catalogue';
import { businessMetrics, businessMetricsOf, metricsNamespace } from '#runtime/business-metrics';
import { outboxRelayHandler } from '#runtime/outbox-relay';
import { outboxEntity } from '#table/core/outbox';

const event = (type: string, data: Record<string, unknown> = {}, correlationId?: string) => ({
  id: `01KEVENT-${type}-${JSON.stringify(data).length}`,
  type,
  source: 'gridline.test',
  tenantId: 'norrsken',
  occurredAt: '2026-12-05T08:00:00.000Z',
  actor: { userId: 'anna' },
  subject: { type: 'account', id: 'a-1' },
  data,
  ...(correlationId ? { correlationId } : {}),
});

/** A stream record of an outbox insert, as the relay's mapping delivers it. */
const outboxInsert = (value: ReturnType<typeof event>): DynamoDBRecord => ({
  eventName: 'INSERT',
  eventID: value.id,
  dynamodb: {
    SequenceNumber: value.id,
    NewImage: marshall({
      pk: `T#norrsken#OUTBOX#${value.id}`,
      sk: 'OUTBOX',
      entity: outboxEntity,
      event: value,
    }) as never,
  },
});

describe('business metrics', () => {
  it('are each counted from an event type of the catalogue, under names used once', () => {
    expect(businessMetrics.filter((m) => !isEventName(m.event))).toEqual([]);
    expect(new Set(businessMetrics.map((m) => m.name)).size).toBe(businessMetrics.length);
    expect(metricsNamespace('Gridline-prod')).toBe('Gridline/Gridline-prod');
  });

  it('count a finished newsletter once and its mails by the number sent', () => {
    expect(businessMetricsOf(event('NewsletterSent', { sent: 1250, failed: 3 }))).toEqual([
      { name: 'NewslettersSent', value: 1 },
      { name: 'NewsletterMailsSent', value: 1250 },
    ]);
    expect(businessMetricsOf(event('NewsletterSent', { sent: 0, failed: 0 }))).toEqual([
      { name: 'NewslettersSent', value: 1 },
    ]);
  });

  it('tell unsubscribes, bounces and complaints apart by the withdrawal’s source, and leave a user’s change out', () => {
    const withdrawn = (source: string) => businessMetricsOf(event('NewsletterConsentWithdrawn', { source }));

    expect(withdrawn('one-click')).toEqual([{ name: 'Unsubscribes', value: 1 }]);
    expect(withdrawn('unsubscribe-page')).toEqual([{ name: 'Unsubscribes', value: 1 }]);
    expect(withdrawn('bounce')).toEqual([{ name: 'Bounces', value: 1 }]);
    expect(withdrawn('complaint')).toEqual([{ name: 'Complaints', value: 1 }]);
    expect(withdrawn('user')).toEqual([]);
    expect(businessMetricsOf(event('AccountUpdated'))).toEqual([]);
  });
});

/** The handler's answer and the EMF line with its metrics (Powertools writes it to stdout). */
async function emfOf(invoke: () => Promise<unknown>) {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    const response = await invoke();
    const metrics = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => 'EventsRelayed' in l);
    return { response, metrics };
  } finally {
    spy.mockRestore();
  }
}

describe('the outbox relay', () => {
  beforeEach(() => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Gridline/Gridline');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('counts each event it put on the bus once, also when the stream retries a batch from a refused record', async () => {
    // Prepare: a bus that refuses the contract declined once.
    const put: { detailType: string; detail: Record<string, unknown> }[] = [];
    let refuse = true;
    const bus = {
      send: async (command: { input: { Entries: { DetailType: string; Detail: string }[] } }) => {
        const answers = command.input.Entries.map((entry) => {
          if (entry.DetailType === 'ContractDeclined' && refuse) return { ErrorCode: 'InternalFailure' };
          put.push({ detailType: entry.DetailType, detail: JSON.parse(entry.Detail) });
          return { EventId: entry.DetailType };
        });
        return { FailedEntryCount: answers.filter((a) => 'ErrorCode' in a).length, Entries: answers };
      },
    } as unknown as EventBridgeClient;
    const handler = outboxRelayHandler(bus, 'Gridline-gridline-domain');
    const [lead, declined, signed] = [
      event('LeadCreated', {}, 'req-1'),
      event('ContractDeclined', { n: 22 }),
      event('ContractSigned', { n: 1 }),
    ];

    // Act: the batch, then the stream's retry from the refused record on, the records after it included.
    const first = await emfOf(() =>
      handler({ Records: [outboxInsert(lead), outboxInsert(declined), outboxInsert(signed)] }),
    );
    refuse = false;
    const retry = await emfOf(() => handler({ Records: [outboxInsert(declined), outboxInsert(signed)] }));

    // Assess: the refused one is reported; what follows it counts when the retry relays it.
    expect(first.response).toEqual({ batchItemFailures: [{ itemIdentifier: declined.id }] });
    expect(put.map((p) => p.detailType)).toEqual([
      'LeadCreated',
      'ContractSigned',
      'ContractDeclined',
      'ContractSigned',
    ]);
    expect(put[0]?.detail.correlationId).toBe('req-1');
    expect(first.metrics).toMatchObject({
      service: 'outbox-relay',
      EventsRelayed: 1,
      LeadsReceived: 1,
      _aws: { CloudWatchMetrics: [{ Namespace: 'Gridline/Gridline', Dimensions: [['service']] }] },
    });
    expect(first.metrics).not.toHaveProperty('ContractsSigned');
    expect(retry.metrics).toMatchObject({ EventsRelayed: [1, 1], ContractsDeclined: 1, ContractsSigned: 1 });
  });
});
