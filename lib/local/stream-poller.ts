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
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxEntity } from '#table/core/outbox';

/** The same filter the event source mapping applies in AWS: outbox inserts only. */
export function isOutboxInsert(record: StreamRecord): boolean {
  return record.eventName === 'INSERT' && record.dynamodb?.NewImage?.entity?.S === outboxEntity;
}

/** Resolves to a partial batch response, or to nothing when every record succeeded. */
export type StreamConsumer = (event: DynamoDBStreamEvent) => Promise<unknown>;

const maxAttempts = 10;

/**
 * A pass over the shards starts at most this often, records or not, unless
 * the last one left a backlog (a full read): Lambda's pace, about four reads
 * of a shard a second. Each read costs DynamoDB Local and the runtime's one
 * event loop about the same however few records it finds, so under a steady
 * write load a quicker pace took the API's time (ADR 0033).
 */
const passIntervalMs = 250;
/**
 * The pace while something waits for the stream to be caught up (a test, the
 * demo seed): it wakes the poller and gets its answer within a pass or two.
 */
const awaitedPassIntervalMs = 50;
/** How often the shard list is read again: new shards appear when one closes, rarely. */
const shardDiscoveryIntervalMs = 1000;
const readLimit = 1000;

/**
 * Reads DynamoDB Local's stream shard by shard, as Lambda's event source
 * mapping does, and hands filtered batches to the consumer. Records the
 * consumer reports as failed are retried from the first failure on, in order.
 * An iterator that expired, or that points at trimmed records, is replaced by
 * one after the last record read from its shard (or at the oldest record).
 */
export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly dynamo: DynamoDBClient;
  private readonly iterators = new Map<string, string | undefined>();
  /** The sequence number of the last record read from each shard. */
  private readonly lastSequenceNumbers = new Map<string, string>();
  private readonly finished = new Set<string>();
  private running = false;
  private loop?: Promise<void>;
  private idleWaiters: (() => void)[] = [];
  /** Ends the wait between two passes early; set while the loop waits. */
  private wake?: () => void;
  /** Set while the stream is held: resolves the parked loop's wait when it is let go. */
  private hold?: { readonly parked: Promise<void>; park: () => void; release: () => void };
  private streamArn?: string;
  private lastDiscovery = Number.NEGATIVE_INFINITY;
  readonly failedRecords: DynamoDBRecord[] = [];

  constructor(
    endpoint: string,
    private readonly tableName: string,
    private readonly batchSize: number,
    private readonly consumer: StreamConsumer,
  ) {
    const config = { endpoint, region: process.env.AWS_REGION ?? 'eu-north-1' };
    this.streams = new DynamoDBStreamsClient(config);
    this.dynamo = new DynamoDBClient(config);
  }

  async start(): Promise<void> {
    const { Table } = await this.dynamo.send(new DescribeTableCommand({ TableName: this.tableName }));
    this.streamArn = Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`table ${this.tableName} has no stream`);
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Holds the stream after the pass under way, for a measurement of the API
   * alone; resolves once no pass is running. `resume` reads on from there.
   */
  pause(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (!this.hold) {
      let park = () => {};
      const parked = new Promise<void>((resolve) => {
        park = resolve;
      });
      this.hold = { parked, park, release: () => {} };
    }
    // A loop waiting between passes parks at once instead of after its wait.
    this.wake?.();
    return this.hold.parked;
  }

  resume(): void {
    const hold = this.hold;
    this.hold = undefined;
    // A pause still waiting for the loop to park ends too.
    hold?.park();
    hold?.release();
  }

  private async waitWhileHeld(): Promise<void> {
    const hold = this.hold;
    if (!hold) return;
    await new Promise<void>((resolve) => {
      hold.release = resolve;
      hold.park();
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    this.resume();
    await this.loop;
  }

  /** Resolves after a full pass over every shard found no new record; at once when stopped. */
  caughtUp(): Promise<void> {
    if (!this.running && this.loop) return Promise.resolve();
    const caughtUp = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.wake?.();
    return caughtUp;
  }

  private async discoverShards(): Promise<void> {
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: start }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        const id = shard.ShardId as string;
        if (this.iterators.has(id) || this.finished.has(id)) continue;
        this.iterators.set(id, await this.newIterator(id));
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  /** Reads the shard list when it is due, or when a shard closed or lost its iterator. */
  private async discoverShardsWhenDue(): Promise<void> {
    const missing = this.iterators.size === 0 || [...this.iterators.values()].some((iterator) => !iterator);
    // Someone waits for the stream to be caught up: a shard opened since the last read must count.
    const awaited = this.idleWaiters.length > 0;
    if (!missing && !awaited && performance.now() - this.lastDiscovery < shardDiscoveryIntervalMs) return;
    await this.discoverShards();
    this.lastDiscovery = performance.now();
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.waitWhileHeld();
      if (!this.running) break;
      const passStarted = performance.now();
      let sawRecords = false;
      let backlog = false;
      try {
        await this.discoverShardsWhenDue();
        for (const [shardId, iterator] of this.iterators) {
          if (!iterator) continue;
          const read = await this.getRecords(shardId, iterator);
          if (!read) {
            // Not caught up: the next pass reads the shard again with a new iterator.
            sawRecords = true;
            backlog = true;
            continue;
          }
          const { Records = [], NextShardIterator } = read;
          backlog ||= Records.length >= readLimit;
          if (NextShardIterator) this.iterators.set(shardId, NextShardIterator);
          else {
            // Closed: the next pass looks for the shard that follows it.
            this.iterators.delete(shardId);
            this.finished.add(shardId);
            this.lastDiscovery = Number.NEGATIVE_INFINITY;
          }
          const wanted = Records.filter(isOutboxInsert).map((r) => this.toLambdaRecord(r));
          sawRecords ||= Records.length > 0;
          for (let i = 0; i < wanted.length; i += this.batchSize)
            await this.deliver(wanted.slice(i, i + this.batchSize));
          const last = Records.at(-1)?.dynamodb?.SequenceNumber;
          if (last) this.lastSequenceNumbers.set(shardId, last);
        }
      } catch (error) {
        if (!this.running) break;
        console.error('stream poller: read failed, retrying', error);
      }
      if (!sawRecords) for (const resolve of this.idleWaiters.splice(0)) resolve();
      const interval = this.idleWaiters.length > 0 ? awaitedPassIntervalMs : passIntervalMs;
      const wait = interval - (performance.now() - passStarted);
      if (!backlog && wait > 0 && this.running) await this.pauseBetweenPasses(wait);
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Waits `ms`, or less when someone starts waiting for the stream to be caught up, or it stops. */
  private async pauseBetweenPasses(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    this.wake = undefined;
  }

  /** A shard iterator after the last record read from the shard, or at its oldest record. */
  private async newIterator(shardId: string): Promise<string | undefined> {
    const last = this.lastSequenceNumbers.get(shardId);
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(last
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  /**
   * One read of a shard. An expired iterator, or one pointing at trimmed
   * records, is dropped: the next discovery gets the shard a new one.
   */
  private async getRecords(shardId: string, iterator: string) {
    try {
      return await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: readLimit }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) {
        throw error;
      }
      console.error(`stream poller: ${error.name} on ${shardId}; getting a new iterator`);
      this.iterators.delete(shardId);
      this.lastDiscovery = Number.NEGATIVE_INFINITY;
      return undefined;
    }
  }

  private async deliver(batch: DynamoDBRecord[]): Promise<void> {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      let failedFrom = -1;
      try {
        const response = (await this.consumer({ Records: pending })) as DynamoDBBatchResponse | undefined;
        const failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        failedFrom = pending.findIndex((r) => failedIds.has(r.dynamodb?.SequenceNumber ?? ''));
      } catch (error) {
        console.error('stream poller: the consumer failed the batch', error);
        failedFrom = 0;
      }
      if (failedFrom < 0) return;
      pending = pending.slice(failedFrom);
      if (attempt >= maxAttempts) {
        // The on-failure destination: kept for inspection, as the SQS DLQ is in AWS.
        this.failedRecords.push(...pending);
        console.error(
          `stream poller: gave up on ${pending.length} record(s) after ${maxAttempts} attempts; see failedRecords`,
          pending,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));
    }
  }

  private toLambdaRecord(r: StreamRecord): DynamoDBRecord {
    const created = r.dynamodb?.ApproximateCreationDateTime;
    return {
      eventID: r.eventID,
      eventName: r.eventName as DynamoDBRecord['eventName'],
      eventVersion: r.eventVersion,
      eventSource: 'aws:dynamodb',
      awsRegion: r.awsRegion,
      eventSourceARN: this.streamArn,
      dynamodb: {
        ...(r.dynamodb as DynamoDBRecord['dynamodb']),
        ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
      },
    };
  }
}
