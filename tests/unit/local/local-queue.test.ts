import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalQueue, type QueueConsumer } from '../../../lib/local/local-queue';
import type { QueueDefinition } from '../../../lib/topology-types';

/** With timeScale 0.001 a 5-second visibility timeout lasts 5 ms. */
const timeScale = 0.001;

function definition(overrides: Partial<QueueDefinition> = {}): QueueDefinition {
  return {
    name: 'audit',
    batchSize: 10,
    visibilityTimeoutSeconds: 5,
    maxReceiveCount: 3,
    maxBatchingWindowSeconds: 1,
    ...overrides,
  };
}

/** A consumer that records each batch it receives and answers as `answer` says. */
function recordingConsumer(
  answer: (event: SQSEvent, call: number) => SQSBatchResponse | undefined = () => undefined,
) {
  const batches: SQSRecord[][] = [];
  const consumer: QueueConsumer = async (event) => {
    batches.push(event.Records);
    return answer(event, batches.length);
  };
  return { consumer, batches };
}

describe('LocalQueue', () => {
  const queues: LocalQueue[] = [];

  function queueOf(def: QueueDefinition, consumer: QueueConsumer): LocalQueue {
    const queue = new LocalQueue(def, consumer, timeScale);
    queues.push(queue);
    return queue;
  }

  beforeEach(() => {
    // The queue reports a consumer that throws on the console; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    for (const queue of queues.splice(0)) queue.stop();
    vi.restoreAllMocks();
  });

  it('delivers the messages as SQS records and deletes them when the consumer succeeds', async () => {
    // Prepare
    const { consumer, batches } = recordingConsumer();
    const queue = queueOf(definition(), consumer);

    // Act
    const first = queue.send('{"n":1}');
    const second = queue.send('{"n":2}');
    await queue.drained();

    // Assess
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((r) => [r.messageId, r.body])).toEqual([
      [first, '{"n":1}'],
      [second, '{"n":2}'],
    ]);
    expect(batches[0]?.[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: expect.stringMatching(/:audit$/),
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(queue.counts).toEqual({ sent: 2, deliveries: 2, deleted: 2, deadLettered: 0 });
    expect(queue.deadLetters).toEqual([]);
  });

  it('is drained at once when nothing was sent', async () => {
    // Prepare
    const { consumer, batches } = recordingConsumer();
    const queue = queueOf(definition(), consumer);

    // Act
    await queue.drained();

    // Assess
    expect(batches).toEqual([]);
  });

  it('redelivers a message after the consumer threw, with receive count 2, and then deletes it', async () => {
    // Prepare
    let calls = 0;
    const batches: SQSRecord[][] = [];
    const queue = queueOf(definition(), async (event) => {
      batches.push(event.Records);
      calls++;
      if (calls === 1) throw new Error('table briefly unavailable');
    });

    // Act
    const id = queue.send('{"n":1}');
    await queue.drained();

    // Assess
    expect(
      batches.map((batch) => batch.map((r) => [r.messageId, r.attributes.ApproximateReceiveCount])),
    ).toEqual([[[id, '1']], [[id, '2']]]);
    expect(batches[0]?.[0]?.receiptHandle).not.toBe(batches[1]?.[0]?.receiptHandle);
    expect(queue.counts).toEqual({ sent: 1, deliveries: 2, deleted: 1, deadLettered: 0 });
  });

  it('redelivers only the messages a partial batch response names', async () => {
    // Prepare
    let failing: string | undefined;
    const { consumer, batches } = recordingConsumer((_event, call) =>
      call === 1 && failing ? { batchItemFailures: [{ itemIdentifier: failing }] } : undefined,
    );
    const queue = queueOf(definition(), consumer);

    // Act
    queue.send('a');
    failing = queue.send('b');
    queue.send('c');
    await queue.drained();

    // Assess
    expect(batches.map((batch) => batch.map((r) => r.body))).toEqual([['a', 'b', 'c'], ['b']]);
    expect(batches[1]?.[0]).toMatchObject({
      messageId: failing,
      attributes: { ApproximateReceiveCount: '2' },
    });
    expect(queue.counts).toEqual({ sent: 3, deliveries: 4, deleted: 3, deadLettered: 0 });
  });

  it('moves a message that always fails to the dead letters after exactly maxReceiveCount deliveries', async () => {
    // Prepare
    const { consumer, batches } = recordingConsumer((event) => ({
      batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })),
    }));
    const queue = queueOf(definition({ maxReceiveCount: 4 }), consumer);

    // Act
    const id = queue.send('poison');
    await queue.drained();

    // Assess
    expect(batches.map((batch) => batch.map((r) => r.attributes.ApproximateReceiveCount))).toEqual([
      ['1'],
      ['2'],
      ['3'],
      ['4'],
    ]);
    expect(queue.deadLetters.map((m) => [m.id, m.body])).toEqual([[id, 'poison']]);
    expect(queue.counts).toEqual({ sent: 1, deliveries: 4, deleted: 0, deadLettered: 1 });
  });

  it('dead-letters a message whose consumer always throws, and still deletes the good ones', async () => {
    // Prepare
    const { consumer, batches } = recordingConsumer((event) => {
      if (event.Records.some((r) => r.body === 'poison')) throw new Error('cannot parse');
      return undefined;
    });
    const queue = queueOf(definition({ batchSize: 1, maxReceiveCount: 2 }), consumer);

    // Act
    queue.send('poison');
    queue.send('good');
    await queue.drained();

    // Assess
    expect(batches.filter((b) => b[0]?.body === 'poison')).toHaveLength(2);
    expect(queue.deadLetters.map((m) => m.body)).toEqual(['poison']);
    expect(queue.counts).toMatchObject({ deleted: 1, deadLettered: 1 });
  });

  it('never hands the consumer more messages than the batch size', async () => {
    // Prepare
    const { consumer, batches } = recordingConsumer();
    const queue = queueOf(definition({ batchSize: 2 }), consumer);

    // Act
    for (const body of ['1', '2', '3', '4', '5']) queue.send(body);
    await queue.drained();

    // Assess
    expect(batches.map((batch) => batch.map((r) => r.body))).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it.each([
    ['an id that is not in the batch', 'not-a-message-of-this-batch'],
    ['an empty id', ''],
  ])('redelivers the whole batch when a partial batch response names %s', async (_case, itemIdentifier) => {
    // Prepare
    const { consumer, batches } = recordingConsumer((_event, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier }] } : undefined,
    );
    const queue = queueOf(definition(), consumer);

    // Act
    queue.send('a');
    queue.send('b');
    await queue.drained();

    // Assess
    expect(batches.map((batch) => batch.map((r) => r.body))).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(queue.counts).toEqual({ sent: 2, deliveries: 4, deleted: 2, deadLettered: 0 });
  });

  it('delivers nothing more once stopped, even when stopped while a batch is with the consumer', async () => {
    // Prepare
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const inConsumer = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const batches: SQSRecord[][] = [];
    const queue = queueOf(definition(), async (event) => {
      batches.push(event.Records);
      entered();
      await released;
      throw new Error('fails, so the message would come back');
    });
    queue.send('a');
    await inConsumer;

    // Act
    queue.stop();
    release();
    queue.send('b');
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Assess
    expect(batches.map((batch) => batch.map((r) => r.body))).toEqual([['a']]);
  });

  describe('its dead letters', () => {
    /** A queue whose consumer always fails, with `bodies` dead-lettered after one receive each. */
    async function queueWithDeadLetters(...bodies: string[]): Promise<LocalQueue> {
      const queue = queueOf(definition({ maxReceiveCount: 1 }), async () => {
        throw new Error('always fails');
      });
      for (const body of bodies) queue.send(body);
      await queue.drained();
      return queue;
    }

    it('are received without being removed, hidden for the visibility timeout, their receive count going on', async () => {
      // Prepare
      const queue = await queueWithDeadLetters('a', 'b');

      // Act
      const received = queue.receiveDeadLetters(10, 60);
      const again = queue.receiveDeadLetters(10, 60);

      // Assess
      expect(received.map((m) => [m.body, m.receiveCount])).toEqual([
        ['a', 2],
        ['b', 2],
      ]);
      expect(received[0]?.receiptHandle).toEqual(expect.any(String));
      expect(again).toEqual([]);
      expect(queue.deadLetters).toHaveLength(2);
      expect(queue.deadLetterCounts).toEqual({ visible: 0, inFlight: 2 });
    });

    it('are visible again at once after a receive with no visibility timeout, and at most `max` come', async () => {
      // Prepare
      const queue = await queueWithDeadLetters('a', 'b', 'c');

      // Act
      const first = queue.receiveDeadLetters(2, 0);
      const second = queue.receiveDeadLetters(10, 0);

      // Assess
      expect(first.map((m) => m.body)).toEqual(['a', 'b']);
      expect(second.map((m) => m.body)).toEqual(['a', 'b', 'c']);
      expect(queue.deadLetterCounts).toEqual({ visible: 3, inFlight: 0 });
    });

    it('are deleted by the receipt handle of their last receive only', async () => {
      // Prepare
      const queue = await queueWithDeadLetters('a');
      const [first] = queue.receiveDeadLetters(1, 0);
      const [second] = queue.receiveDeadLetters(1, 0);

      // Act
      const byOldHandle = queue.deleteDeadLetter(first?.receiptHandle ?? '');
      const byLastHandle = queue.deleteDeadLetter(second?.receiptHandle ?? '');

      // Assess
      expect([byOldHandle, byLastHandle]).toEqual([false, true]);
      expect(queue.deadLetters).toEqual([]);
    });

    it('cannot be deleted with the handle the consumer had', async () => {
      // Prepare
      const handles: string[] = [];
      const queue = queueOf(definition({ maxReceiveCount: 1 }), async (event) => {
        handles.push(...event.Records.map((r) => r.receiptHandle));
        throw new Error('always fails');
      });
      queue.send('a');
      await queue.drained();

      // Act
      const deleted = queue.deleteDeadLetter(handles[0] ?? '');

      // Assess
      expect(deleted).toBe(false);
      expect(queue.deadLetters).toHaveLength(1);
    });

    it('are taken, the visible ones only and at most `max`, to be sent on', async () => {
      // Prepare
      const queue = await queueWithDeadLetters('a', 'b', 'c');
      queue.receiveDeadLetters(1, 60);

      // Act
      const taken = queue.takeDeadLetters(1);
      const rest = queue.takeDeadLetters(10);

      // Assess
      expect(taken).toEqual(['b']);
      expect(rest).toEqual(['c']);
      expect(queue.deadLetters.map((m) => m.body)).toEqual(['a']);
    });
  });

  it('counts the visible and the in-flight messages', async () => {
    // Prepare
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = queueOf(definition({ batchSize: 1 }), () => released);
    queue.send('a');
    queue.send('b', 60);
    await new Promise((resolve) => setTimeout(resolve, 0));

    // Act
    const counts = queue.messageCounts;
    release();
    await queue.drained();

    // Assess
    expect(counts).toEqual({ visible: 0, inFlight: 2 });
    expect(queue.messageCounts).toEqual({ visible: 0, inFlight: 0 });
  });
});
