import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueDefinition } from '../topology-types';

interface Message {
  readonly id: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle?: string;
}

/** Resolves to a partial batch response, or to nothing when every record succeeded. */
export type QueueConsumer = (event: SQSEvent) => Promise<unknown>;

/** A dead letter as a receive from the dead-letter queue hands it out. */
export interface ReceivedDeadLetter {
  readonly id: string;
  readonly body: string;
  readonly sentAt: number;
  readonly receiveCount: number;
  readonly receiptHandle: string;
}

/** How many messages are visible and how many are in flight (received, within their visibility timeout). */
export interface MessageCounts {
  readonly visible: number;
  readonly inFlight: number;
}

export interface QueueStats {
  readonly sent: number;
  readonly deliveries: number;
  readonly deleted: number;
  readonly deadLettered: number;
}

/**
 * An in-process queue with the SQS semantics the consumers rely on: a
 * received message is invisible for the visibility timeout; it is deleted
 * only when the consumer succeeds for it (partial batch responses honoured);
 * otherwise it reappears, and once received more than `maxReceiveCount`
 * times it moves to the dead-letter queue. The dead letters are read, deleted
 * and moved as SQS does with a dead-letter queue: a receive hides them for a
 * visibility timeout, and a moved one goes back as a new message.
 * `timeScale` shrinks the timeouts for tests.
 */
export class LocalQueue {
  private readonly messages: Message[] = [];
  readonly deadLetters: Message[] = [];
  private stats = { sent: 0, deliveries: 0, deleted: 0, deadLettered: 0 };
  private timer?: NodeJS.Timeout;
  private busy = false;
  private stopped = false;
  private waiters: (() => void)[] = [];

  constructor(
    readonly definition: QueueDefinition,
    private readonly consumer: QueueConsumer,
    private readonly timeScale = 1,
  ) {}

  /** `delaySeconds` keeps the message invisible that long at first (SQS's per-message delay), scaled like timeouts. */
  send(body: string, delaySeconds = 0): string {
    const id = randomUUID();
    const delayMs = delaySeconds * 1000 * this.timeScale;
    this.messages.push({
      id,
      body,
      sentAt: Date.now(),
      receiveCount: 0,
      visibleAt: delayMs > 0 ? Date.now() + delayMs : 0,
    });
    this.stats.sent++;
    this.schedule(delayMs);
    return id;
  }

  get counts(): QueueStats {
    return { ...this.stats };
  }

  get messageCounts(): MessageCounts {
    return countByVisibility(this.messages, Date.now());
  }

  get deadLetterCounts(): MessageCounts {
    return countByVisibility(this.deadLetters, Date.now());
  }

  /**
   * Up to `max` visible dead letters, each hidden for `visibilityTimeoutSeconds`
   * (scaled) and received once more, as SQS counts receives from a dead-letter queue.
   */
  receiveDeadLetters(max: number, visibilityTimeoutSeconds: number): ReceivedDeadLetter[] {
    const now = Date.now();
    const visibleAt = now + visibilityTimeoutSeconds * 1000 * this.timeScale;
    return this.deadLetters
      .filter((m) => m.visibleAt <= now)
      .slice(0, max)
      .map((m) => {
        m.receiveCount++;
        m.receiptHandle = randomUUID();
        m.visibleAt = visibleAt;
        return {
          id: m.id,
          body: m.body,
          sentAt: m.sentAt,
          receiveCount: m.receiveCount,
          receiptHandle: m.receiptHandle,
        };
      });
  }

  /** Deletes the dead letter last received with this handle; false when there is none. */
  deleteDeadLetter(receiptHandle: string): boolean {
    const index = this.deadLetters.findIndex((m) => m.receiptHandle === receiptHandle);
    if (index < 0) return false;
    this.deadLetters.splice(index, 1);
    return true;
  }

  /**
   * Removes up to `max` visible dead letters and gives their bodies, for a move
   * to send them on: the queue they go to gives each a new id and receive count.
   */
  takeDeadLetters(max: number): string[] {
    const now = Date.now();
    const taken = this.deadLetters.filter((m) => m.visibleAt <= now).slice(0, max);
    for (const message of taken) this.deadLetters.splice(this.deadLetters.indexOf(message), 1);
    return taken.map((m) => m.body);
  }

  /** Resolves once no message is waiting or in flight (dead letters aside). */
  drained(): Promise<void> {
    if (this.messages.length === 0 && !this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Delivers nothing more, also not after a batch that is with the consumer now. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delayMs);
  }

  private receive(now: number): Message[] {
    const batch: Message[] = [];
    for (const message of [...this.messages]) {
      if (batch.length >= this.definition.batchSize) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= this.definition.maxReceiveCount) {
        this.messages.splice(this.messages.indexOf(message), 1);
        // The consumer's handle does not delete it there: a receive from the dead letters hands out one.
        message.receiptHandle = undefined;
        this.deadLetters.push(message);
        this.stats.deadLettered++;
        continue;
      }
      message.receiveCount++;
      message.receiptHandle = randomUUID();
      message.visibleAt = now + this.definition.visibilityTimeoutSeconds * 1000 * this.timeScale;
      batch.push(message);
    }
    return batch;
  }

  private async poll(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    const batch = this.receive(Date.now());
    if (batch.length > 0) {
      this.stats.deliveries += batch.length;
      const failed = await this.deliver(batch);
      for (const message of batch) {
        if (failed.has(message.id)) continue;
        this.messages.splice(this.messages.indexOf(message), 1);
        this.stats.deleted++;
      }
    }
    this.busy = false;
    if (this.stopped) return;
    if (this.messages.length === 0) {
      for (const resolve of this.waiters.splice(0)) resolve();
      return;
    }
    const next = Math.min(...this.messages.map((m) => m.visibleAt)) - Date.now();
    this.schedule(Math.max(0, next));
  }

  /**
   * The ids the consumer did not process: all of them when it threw, or when
   * its partial batch response names an id that is empty or not in the batch
   * (Lambda's SQS event source mapping fails the whole batch then).
   */
  private async deliver(batch: Message[]): Promise<Set<string>> {
    const all = new Set(batch.map((m) => m.id));
    try {
      const response = (await this.consumer({ Records: batch.map((m) => this.record(m)) })) as
        | SQSBatchResponse
        | undefined;
      const failed = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      const unknown = failed.filter((id) => !id || !all.has(id));
      if (unknown.length > 0) {
        console.error(
          `queue ${this.definition.name}: the partial batch response names unknown ids; the whole batch failed`,
          unknown,
        );
        return all;
      }
      return new Set(failed);
    } catch (error) {
      console.error(`queue ${this.definition.name}: the consumer failed the whole batch`, error);
      return all;
    }
  }

  private record(m: Message): SQSRecord {
    return {
      messageId: m.id,
      receiptHandle: m.receiptHandle ?? '',
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(m.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:local:000000000000:${this.definition.name}`,
      awsRegion: 'local',
    };
  }
}

function countByVisibility(messages: readonly Message[], now: number): MessageCounts {
  const visible = messages.filter((m) => m.visibleAt <= now).length;
  return { visible, inFlight: messages.length - visible };
}
