import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { outboxRelayHandler } from '#runtime/outbox-relay';
import { outboxEntity } from '#table/core/outbox';

const event = (n: number, data: Record<string, unknown> = {}) => ({
  id: `01KEVENT${String(n).padStart(4, '0')}`,
  type: 'AccountUpdated',
  source: 'gridline.accounts',
  tenantId: 'norrsken',
  occurredAt: '2026-12-05T08:00:00.000Z',
  actor: { userId: 'anna' },
  subject: { type: 'account', id: `a-${n}` },
  data,
});

const outboxInsert = (value: unknown, sequenceNumber: string): DynamoDBRecord => ({
  eventName: 'INSERT',
  eventID: sequenceNumber,
  dynamodb: {
    SequenceNumber: sequenceNumber,
    NewImage: marshall({
      pk: `T#norrsken#OUTBOX#${sequenceNumber}`,
      sk: 'OUTBOX',
      entity: outboxEntity,
      event: value,
    }) as never,
  },
});

const inserts = (count: number, data: Record<string, unknown> = {}) =>
  Array.from({ length: count }, (_, i) => outboxInsert(event(i, data), `seq-${String(i).padStart(4, '0')}`));

/** A bus that keeps each PutEvents call's entries and refuses the event ids in `refused`. */
function recordingBus(refused: ReadonlySet<string> = new Set()) {
  const calls: PutEventsRequestEntry[][] = [];
  const bus = {
    send: async (command: { input: { Entries: PutEventsRequestEntry[] } }) => {
      calls.push(command.input.Entries);
      const answers = command.input.Entries.map((entry) =>
        refused.has(JSON.parse(entry.Detail ?? '{}').id)
          ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }
          : { EventId: 'ok' },
      );
      return { FailedEntryCount: answers.filter((a) => 'ErrorCode' in a).length, Entries: answers };
    },
  } as unknown as EventBridgeClient;
  return { bus, calls };
}

const idsOf = (entries: PutEventsRequestEntry[]) => entries.map((e) => JSON.parse(e.Detail ?? '{}').id);

describe('the outbox relay', () => {
  it('puts a batch on the bus ten entries to a call, in the stream’s order', async () => {
    // Prepare: 23 outbox inserts and a stream record of something else among them.
    const { bus, calls } = recordingBus();
    const records = inserts(23);
    records.splice(5, 0, { eventName: 'MODIFY', dynamodb: { SequenceNumber: 'seq-other' } });

    // Act
    const response = await outboxRelayHandler(bus, 'gridline')({ Records: records });

    // Assess: three calls of 10, 10 and 3; every event once, in order.
    expect(response).toEqual({ batchItemFailures: [] });
    expect(calls.map((c) => c.length)).toEqual([10, 10, 3]);
    expect(calls.flatMap(idsOf)).toEqual(Array.from({ length: 23 }, (_, i) => event(i).id));
    expect(calls[0]?.[0]).toMatchObject({
      EventBusName: 'gridline',
      Source: 'gridline.accounts',
      DetailType: 'AccountUpdated',
      Time: new Date('2026-12-05T08:00:00.000Z'),
    });
  });

  it('starts a new call before the entries would pass 256 KiB', async () => {
    // Prepare: events of about 100 KiB each.
    const { bus, calls } = recordingBus();

    // Act
    await outboxRelayHandler(bus, 'gridline')({ Records: inserts(5, { text: 'x'.repeat(100 * 1024) }) });

    // Assess: two to a call, never three.
    expect(calls.map((c) => c.length)).toEqual([2, 2, 1]);
  });

  it('reports the first refused entry and puts nothing of the runs after it', async () => {
    // Prepare: the 13th of 25 events is refused.
    const { bus, calls } = recordingBus(new Set([event(12).id]));

    // Act
    const response = await outboxRelayHandler(bus, 'gridline')({ Records: inserts(25) });

    // Assess: the stream retries from it; the third run waits for that retry.
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'seq-0012' }] });
    expect(calls.map((c) => c.length)).toEqual([10, 10]);
  });

  it('reports a record it cannot read and relays the records before it', async () => {
    // Prepare: the third record's event has no tenant.
    const { bus, calls } = recordingBus();
    const records = inserts(4);
    const { tenantId: _, ...withoutTenant } = event(2);
    records[2] = outboxInsert(withoutTenant, 'seq-0002');

    // Act
    const response = await outboxRelayHandler(bus, 'gridline')({ Records: records });

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'seq-0002' }] });
    expect(calls.flatMap(idsOf)).toEqual([event(0).id, event(1).id]);
  });

  it('reports the first record of a call that failed outright, after the runs before it', async () => {
    // Prepare: the second call fails (throttled past the SDK's retries).
    const calls: PutEventsRequestEntry[][] = [];
    const bus = {
      send: async (command: { input: { Entries: PutEventsRequestEntry[] } }) => {
        calls.push(command.input.Entries);
        if (calls.length === 2) throw new Error('ThrottlingException: Rate exceeded');
        return { FailedEntryCount: 0, Entries: command.input.Entries.map(() => ({ EventId: 'ok' })) };
      },
    } as unknown as EventBridgeClient;

    // Act
    const response = await outboxRelayHandler(bus, 'gridline')({ Records: inserts(25) });

    // Assess: the stream retries from the failed call's first record; the first run is not sent again.
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'seq-0010' }] });
    expect(calls.map((c) => c.length)).toEqual([10, 10]);
  });

  it('reports an event larger than the bus takes, after putting the ones before it', async () => {
    // Prepare: the third of four events is over 256 KiB on its own.
    const { bus, calls } = recordingBus();
    const records = inserts(4);
    records[2] = outboxInsert(event(2, { text: 'x'.repeat(300 * 1024) }), 'seq-0002');

    // Act
    const response = await outboxRelayHandler(bus, 'gridline')({ Records: records });

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'seq-0002' }] });
    expect(calls.flatMap(idsOf)).toEqual([event(0).id, event(1).id]);
  });
});
