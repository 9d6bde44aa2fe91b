import type { SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalQueue } from '../../../lib/local/local-queue';
import { LocalMessageMoveTasks, MoveTaskAlreadyRunning } from '../../../lib/local/message-move-tasks';
import type { QueueDefinition } from '../../../lib/topology-types';

const timeScale = 0.001;
const sourceArn = 'arn:aws:sqs:local:000000000000:gridline-local-audit-dlq';

function definition(name: string): QueueDefinition {
  return {
    name,
    batchSize: 10,
    visibilityTimeoutSeconds: 5,
    maxReceiveCount: 1,
    maxBatchingWindowSeconds: 1,
  };
}

describe('LocalMessageMoveTasks', () => {
  const queues: LocalQueue[] = [];
  let tasks = new LocalMessageMoveTasks();

  beforeEach(() => {
    tasks = new LocalMessageMoveTasks();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    tasks.stop();
    for (const queue of queues.splice(0)) queue.stop();
    vi.restoreAllMocks();
  });

  /** A queue that fails every message until `healed`, then records them. */
  function healableQueue(name: string) {
    const state = { healed: false, received: [] as SQSRecord[] };
    const queue = new LocalQueue(
      definition(name),
      async (event) => {
        if (!state.healed) throw new Error('not yet');
        state.received.push(...event.Records);
      },
      timeScale,
    );
    queues.push(queue);
    return { queue, state };
  }

  async function completed(source: string): Promise<void> {
    while (tasks.of(source)[0]?.status === 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 1));
  }

  it('moves the dead letters back to their queue as new messages received afresh', async () => {
    // Prepare
    const { queue, state } = healableQueue('audit');
    const ids = Array.from({ length: 12 }, (_, n) => queue.send(`m${n}`));
    await queue.drained();
    state.healed = true;

    // Act
    const task = tasks.start({ sourceArn, from: queue, to: queue });
    await completed(sourceArn);
    await queue.drained();

    // Assess
    expect(task).toMatchObject({ status: 'COMPLETED', toMove: 12, moved: 12 });
    expect(state.received.map((r) => r.body).sort()).toEqual(ids.map((_, n) => `m${n}`).sort());
    expect(state.received.every((r) => r.attributes.ApproximateReceiveCount === '1')).toBe(true);
    expect(state.received.some((r) => ids.includes(r.messageId))).toBe(false);
    expect(queue.deadLetters).toEqual([]);
  });

  it('moves them to another queue when given one', async () => {
    // Prepare
    const { queue } = healableQueue('audit');
    const other = healableQueue('imports');
    other.state.healed = true;
    queue.send('a');
    await queue.drained();

    // Act
    tasks.start({ sourceArn, from: queue, to: other.queue });
    await completed(sourceArn);
    await other.queue.drained();

    // Assess
    expect(other.state.received.map((r) => r.body)).toEqual(['a']);
    expect(queue.deadLetters).toEqual([]);
  });

  it('refuses a second task for a source while one runs, and lists the most recent first', async () => {
    // Prepare
    const { queue } = healableQueue('audit');
    queue.send('a');
    await queue.drained();
    const first = tasks.start({ sourceArn, from: queue, to: queue });

    // Act
    const second = () => tasks.start({ sourceArn, from: queue, to: queue });

    // Assess
    expect(second).toThrow(MoveTaskAlreadyRunning);
    await completed(sourceArn);
    const third = tasks.start({ sourceArn, from: queue, to: queue });
    expect(tasks.of(sourceArn).map((t) => t.handle)).toEqual([third.handle, first.handle]);
  });

  it('completes at once with nothing moved when there are no dead letters', async () => {
    // Prepare
    const { queue } = healableQueue('audit');

    // Act
    tasks.start({ sourceArn, from: queue, to: queue });
    await completed(sourceArn);

    // Assess
    expect(tasks.of(sourceArn)[0]).toMatchObject({ status: 'COMPLETED', toMove: 0, moved: 0 });
  });
});
