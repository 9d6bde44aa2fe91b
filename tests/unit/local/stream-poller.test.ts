import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamPoller } from '../../../lib/local/stream-poller';

/** DynamoDB Local never expires an iterator or trims a stream: these cases need a mocked stream. */
const streams = mockClient(DynamoDBStreamsClient);
const dynamo = mockClient(DynamoDBClient);
const streamArn = 'arn:aws:dynamodb:local:000000000000:table/t/stream/1';

function outboxInsert(sequenceNumber: string): StreamRecord {
  return {
    eventID: `ev-${sequenceNumber}`,
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: sequenceNumber,
      Keys: { pk: { S: `T#t#OUTBOX#${sequenceNumber}` }, sk: { S: 'OUTBOX' } },
      NewImage: { entity: { S: 'Outbox' } },
    },
  };
}

/** A stream with nothing new on it: every read finds no record and points at the end. */
function quietStream() {
  streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'at-end' });
  streams.on(GetRecordsCommand).resolves({ Records: [], NextShardIterator: 'at-end' });
}

const iteratorRequests = () =>
  streams.commandCalls(GetShardIteratorCommand).map((call) => {
    const { ShardIteratorType, SequenceNumber } = call.args[0].input;
    return SequenceNumber ? `${ShardIteratorType} ${SequenceNumber}` : ShardIteratorType;
  });

describe('StreamPoller', () => {
  const delivered: string[] = [];
  let poller: StreamPoller | undefined;

  function start(
    consumer = async (event: DynamoDBStreamEvent) => {
      delivered.push(...event.Records.map((r) => r.dynamodb?.SequenceNumber as string));
    },
  ) {
    poller = new StreamPoller('http://127.0.0.1:1', 't', 10, consumer);
    return poller.start();
  }

  beforeEach(() => {
    streams.reset();
    dynamo.reset();
    delivered.length = 0;
    dynamo.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: streamArn } });
    streams.on(DescribeStreamCommand).resolves({ StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } });
    // Quiet unless a test says otherwise: the poller logs the failures it recovers from.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    const stopping = poller?.stop();
    poller = undefined;
    // A poller retrying a delivery on a fake timer only goes on when time moves on.
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(10_000);
    await stopping;
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('gets a new iterator after the last record it read when the iterator expired, and reads on', async () => {
    // Prepare
    streams
      .on(GetShardIteratorCommand, { ShardIteratorType: 'TRIM_HORIZON' })
      .resolves({ ShardIterator: 'from-start' })
      .on(GetShardIteratorCommand, { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: '200' })
      .resolves({ ShardIterator: 'after-200' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'from-start' })
      .resolves({ Records: [outboxInsert('100'), outboxInsert('200')], NextShardIterator: 'expires' })
      .on(GetRecordsCommand, { ShardIterator: 'expires' })
      .rejects(new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} }))
      .on(GetRecordsCommand, { ShardIterator: 'after-200' })
      .resolves({ Records: [outboxInsert('300')], NextShardIterator: 'at-end' })
      .on(GetRecordsCommand, { ShardIterator: 'at-end' })
      .resolves({ Records: [], NextShardIterator: 'at-end' });

    // Act
    await start();
    await vi.waitFor(() => expect(delivered).toContain('300'), { timeout: 30_000 });

    // Assess
    expect(delivered).toEqual(['100', '200', '300']);
    expect(iteratorRequests()).toEqual(['TRIM_HORIZON', 'AFTER_SEQUENCE_NUMBER 200']);
  });

  it('starts the shard again from its oldest record when the stream was trimmed before any was read', async () => {
    // Prepare
    streams
      .on(GetShardIteratorCommand, { ShardIteratorType: 'TRIM_HORIZON' })
      .resolvesOnce({ ShardIterator: 'trimmed' })
      .resolves({ ShardIterator: 'from-start' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'trimmed' })
      .rejects(new TrimmedDataAccessException({ message: 'Trimmed', $metadata: {} }))
      .on(GetRecordsCommand, { ShardIterator: 'from-start' })
      .resolves({ Records: [outboxInsert('500')], NextShardIterator: 'at-end' })
      .on(GetRecordsCommand, { ShardIterator: 'at-end' })
      .resolves({ Records: [], NextShardIterator: 'at-end' });

    // Act
    await start();
    await vi.waitFor(() => expect(delivered).toContain('500'), { timeout: 30_000 });

    // Assess
    expect(delivered).toEqual(['500']);
    expect(iteratorRequests()).toEqual(['TRIM_HORIZON', 'TRIM_HORIZON']);
  });

  it('reports the records it gives up on to the console', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const errors = vi.mocked(console.error);
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'from-start' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'from-start' })
      .resolves({ Records: [outboxInsert('700')], NextShardIterator: 'at-end' })
      .on(GetRecordsCommand, { ShardIterator: 'at-end' })
      .resolves({ Records: [], NextShardIterator: 'at-end' });
    await start(async () => {
      throw new Error('the relay is down');
    });

    // Act
    await vi.advanceTimersByTimeAsync(60_000);

    // Assess
    expect(poller?.failedRecords.map((r) => r.eventID)).toEqual(['ev-700']);
    expect(errors).toHaveBeenCalledWith(
      expect.stringContaining('failedRecords'),
      expect.arrayContaining([expect.objectContaining({ eventID: 'ev-700' })]),
    );
  });

  it('reads the shard list again once a second, not on every pass', async () => {
    // Prepare: a quiet stream, on a clock the test moves.
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    quietStream();

    // Act: ten seconds of polling.
    await start();
    await vi.advanceTimersByTimeAsync(10_000);

    // Assess: four passes a second, and the list read about once a second of them, not once a pass.
    const passes = streams.commandCalls(GetRecordsCommand).length;
    expect(passes).toBeGreaterThanOrEqual(36);
    expect(passes).toBeLessThanOrEqual(41);
    expect(streams.commandCalls(DescribeStreamCommand).length).toBeLessThanOrEqual(1 + Math.ceil(passes / 4));
  });

  it('waits out the pass interval after a pass that read records, so a steady trickle is read in batches', async () => {
    // Prepare: every read finds one new record, as under a steady write load.
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    let sequence = 0;
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'next' });
    streams.on(GetRecordsCommand).callsFake(async () => ({
      Records: [outboxInsert(String(++sequence))],
      NextShardIterator: 'next',
    }));

    // Act: two seconds of polling.
    await start();
    await vi.advanceTimersByTimeAsync(2_000);

    // Assess: one read per 250 ms (Lambda's pace), where reading on at once made one per round trip.
    expect(streams.commandCalls(GetRecordsCommand).length).toBeLessThanOrEqual(9);
    expect(delivered.length).toBe(sequence);
  });

  it('wakes when something waits for the stream to be caught up, and reads quicker while it waits', async () => {
    // Prepare: a stream that finds one new record on every read, so a wait for it to be caught up lasts.
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    let sequence = 0;
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'next' });
    streams.on(GetRecordsCommand).callsFake(async () => ({
      Records: sequence < 12 ? [outboxInsert(String(++sequence))] : [],
      NextShardIterator: 'next',
    }));
    await start();
    await vi.advanceTimersByTimeAsync(0);
    const readsBefore = streams.commandCalls(GetRecordsCommand).length;

    // Act: wait for it, moving the clock by less than one pass interval.
    let deliveredWhenCaughtUp: number | undefined;
    const caughtUp = poller?.caughtUp().then(() => {
      deliveredWhenCaughtUp = delivered.length;
    });
    await vi.advanceTimersByTimeAsync(0);
    const readsAtOnce = streams.commandCalls(GetRecordsCommand).length;
    await vi.advanceTimersByTimeAsync(200);

    // Assess: a pass at once, then one per 50 ms; the wait lasts while passes find records.
    expect(readsBefore).toBe(1);
    expect(readsAtOnce).toBe(2);
    expect(streams.commandCalls(GetRecordsCommand).length).toBeGreaterThanOrEqual(5);
    expect(deliveredWhenCaughtUp).toBeUndefined();
    // Then over once a pass found nothing: after the last record, not before.
    await vi.advanceTimersByTimeAsync(1_000);
    await caughtUp;
    expect(deliveredWhenCaughtUp).toBe(12);
  });

  it('stops without waiting out the pause between passes, and answers a later wait at once', async () => {
    // Prepare: a quiet stream, on a clock that does not move.
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    quietStream();
    await start();
    await vi.advanceTimersByTimeAsync(0);

    // Act
    await poller?.stop();

    // Assess: stopped within the pause, the clock never moved; nothing waits on a stopped poller.
    expect(streams.commandCalls(GetRecordsCommand).length).toBe(1);
    await expect(poller?.caughtUp()).resolves.toBeUndefined();
  });

  it('holds the stream at once from the pause between passes', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    quietStream();
    await start();
    await vi.advanceTimersByTimeAsync(0);

    // Act: a hold, the clock not moving.
    const held = poller?.pause();
    await vi.advanceTimersByTimeAsync(0);

    // Assess: held, and nothing read since; a second later still nothing.
    await expect(held).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(streams.commandCalls(GetRecordsCommand).length).toBe(1);
    poller?.resume();
  });

  it('holds the stream until resumed, and neither a hold nor a stop waits on the other', async () => {
    // Prepare: a quiet stream.
    quietStream();
    await start();

    // Act: hold it, then stop it while held.
    await poller?.pause();
    const readsWhileHeld = streams.commandCalls(GetRecordsCommand).length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const readsAfterWaiting = streams.commandCalls(GetRecordsCommand).length;
    await poller?.stop();

    // Assess: nothing read while held, nor after the stop; a hold asked of a stopped poller is granted at once.
    expect(readsAfterWaiting).toBe(readsWhileHeld);
    expect(streams.commandCalls(GetRecordsCommand).length).toBe(readsWhileHeld);
    await expect(poller?.pause()).resolves.toBeUndefined();
  });

  it('ends a hold that is resumed before the loop came to rest', async () => {
    // Prepare
    quietStream();
    await start();

    // Act
    const holding = poller?.pause();
    poller?.resume();

    // Assess: the pause settles, and the stream is read on.
    await expect(holding).resolves.toBeUndefined();
    const reads = streams.commandCalls(GetRecordsCommand).length;
    await vi.waitFor(() => expect(streams.commandCalls(GetRecordsCommand).length).toBeGreaterThan(reads), {
      timeout: 30_000,
    });
  });
});
