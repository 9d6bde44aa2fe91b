import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  UnsupportedOperation,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalQueue } from '../../lib/local/local-queue';
import { LOCAL_STACK_NAME, LocalSqs } from '../../lib/local/sqs-local';
import { runDlqCli } from '../../lib/operations/dlq-cli';
import { moveMessages } from '../../lib/operations/dlq-move-messages';
import { topology } from '../../lib/topology';
import { busEnvelope } from '../support/queue-messages';

/** With timeScale 0.001 the audit queue's 60-second visibility timeout lasts 60 ms. */
const timeScale = 0.001;

const accountCreatedEvent = {
  id: 'evt-1',
  type: 'AccountCreated',
  source: 'gridline.accounts',
  tenantId: 'tenant-1',
  correlationId: 'corr-1',
};
const accountCreated = busEnvelope(accountCreatedEvent);

/** A topology queue whose consumer fails every message until `healed`, then records what it handles. */
function failingUntilHealed(name: string) {
  const definition = topology.queues.find((q) => q.name === name);
  if (!definition) throw new Error(`no queue ${name} in the topology`);
  const state = { healed: false, handled: [] as string[] };
  const queue = new LocalQueue(
    definition,
    async (event) => {
      if (!state.healed) throw new Error('the cause is not fixed yet');
      state.handled.push(...event.Records.map((r) => r.body));
    },
    timeScale,
  );
  return { queue, state };
}

describe('npm run dlq against the local SQS endpoint', () => {
  let audit: ReturnType<typeof failingUntilHealed>;
  let imports: ReturnType<typeof failingUntilHealed>;
  let sqs: LocalSqs;
  let endpoint: string;
  let runtimeFile: string;
  let output: string[];

  beforeEach(async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    audit = failingUntilHealed('audit');
    imports = failingUntilHealed('imports');
    sqs = new LocalSqs(
      LOCAL_STACK_NAME,
      new Map([
        ['audit', audit.queue],
        ['imports', imports.queue],
      ]),
    );
    endpoint = await sqs.listen();
    runtimeFile = path.join(mkdtempSync(path.join(tmpdir(), 'gridline-dlq-')), 'runtime.json');
    writeFileSync(runtimeFile, JSON.stringify({ sqsEndpoint: endpoint, stackName: LOCAL_STACK_NAME }));
    output = [];
  });

  afterEach(async () => {
    audit.queue.stop();
    imports.queue.stop();
    await sqs.close();
    vi.restoreAllMocks();
  });

  function dlq(...args: string[]): Promise<number> {
    output = [];
    return runDlqCli(args, {
      topology,
      env: {},
      runtimeFile,
      print: (line) => output.push(line),
      pollIntervalMs: 5,
    });
  }

  async function deadLettered(body: string): Promise<void> {
    audit.queue.send(body);
    await audit.queue.drained();
  }

  it('lists the dead-letter queue holding a message first, marked, and the empty ones after it', async () => {
    // Prepare
    await deadLettered(JSON.stringify(accountCreated));

    // Act
    const exitCode = await dlq('list');

    // Assess
    expect(exitCode).toBe(0);
    const rows = output.filter((line) => /^[! ] \S+-dlq /.test(line));
    expect(rows).toEqual([
      expect.stringMatching(/^! audit-dlq\s+1 message$/),
      expect.stringMatching(/^ {2}imports-dlq\s+0 messages$/),
    ]);
    expect(output.join('\n')).toContain('redrive: back to the audit queue');
    expect(output.join('\n')).toMatch(
      /\(\d+ more dead-letter queues of the topology do not exist in the local runtime\)/,
    );
    expect(output.at(-1)).toBe('1 of 2 hold messages.');
  });

  it('peeks at a dead letter, showing the bus event it holds, and leaves it there', async () => {
    // Prepare
    await deadLettered(JSON.stringify(accountCreated));

    // Act
    const exitCode = await dlq('peek', 'audit-dlq');
    const peeked = output.join('\n');
    await dlq('list');

    // Assess
    expect(exitCode).toBe(0);
    expect(peeked).toContain('AccountCreated · event evt-1 · tenant tenant-1 · correlation corr-1');
    expect(peeked).toMatch(/received 6 times · sent \d{4}-\d\d-\d\dT/);
    expect(peeked).toContain('"detail-type": "AccountCreated"');
    expect(output).toContainEqual(expect.stringMatching(/^! audit-dlq\s+1 message$/));
    expect(audit.queue.deadLetters).toHaveLength(1);
  });

  it('peeks by the full queue name too, and at no more than --count messages', async () => {
    // Prepare
    for (const n of [1, 2, 3]) audit.queue.send(`plain text ${n}`);
    await audit.queue.drained();

    // Act
    const exitCode = await dlq('peek', 'gridline-local-audit-dlq', '--count', '2');

    // Assess
    expect(exitCode).toBe(0);
    expect(output[0]).toBe('audit-dlq: 2 messages (none deleted)');
    expect(output.filter((line) => /^ {3}plain text \d$/.test(line))).toHaveLength(2);
    expect(audit.queue.deadLetters).toHaveLength(3);
  });

  it('redrives the dead letters back to their queue, where the fixed consumer handles them once', async () => {
    // Prepare
    const body = JSON.stringify(accountCreated);
    await deadLettered(body);
    audit.state.healed = true;

    // Act
    const exitCode = await dlq('redrive', 'audit-dlq');
    const redriven = [...output];
    await audit.queue.drained();
    const again = await dlq('redrive', 'audit-dlq');

    // Assess
    expect(exitCode).toBe(0);
    expect(redriven.at(-1)).toBe('Done: moved 1 message back to the audit queue.');
    expect(audit.state.handled).toEqual([body]);
    expect(audit.queue.deadLetters).toEqual([]);
    expect(again).toBe(0);
    expect(output.at(-1)).toBe('Done: moved 0 messages back to the audit queue.');
  });

  it("refuses to redrive the outbox relay's stream dead letters, saying why and what to do", async () => {
    // Act
    const exitCode = await dlq('redrive', 'outbox-relay-stream-dlq');

    // Assess
    expect(exitCode).toBe(2);
    expect(output.join('\n')).toMatch(
      /^Cannot redrive outbox-relay-stream-dlq: .*not messages a queue consumes/,
    );
    expect(output.join('\n')).toContain('docs/operations.md');
  });

  it('answers a name that is no dead-letter queue of the topology with the known ones', async () => {
    // Act
    const exitCode = await dlq('peek', 'audit');

    // Assess
    expect(exitCode).toBe(2);
    expect(output.join('\n')).toMatch(
      /^audit is not a dead-letter queue of the topology\. Known: audit-dlq, /,
    );
    expect(output.join('\n')).toContain('rule-audit-all-domain-events-dlq');
  });

  it("fails a rule's dead-letter queue, which the local runtime does not have", async () => {
    // Act
    const exitCode = await dlq('redrive', 'rule-audit-all-domain-events-dlq');

    // Assess
    expect(exitCode).toBe(1);
    expect(output).toEqual([
      'The queue gridline-local-rule-audit-all-domain-events-dlq does not exist in the local runtime.',
    ]);
  });

  it.each([
    [[], 'No command given.'],
    [['purge', 'audit-dlq'], 'Unknown command: purge audit-dlq'],
    [['redrive'], 'redrive takes one dead-letter queue name.'],
    [['peek', 'audit-dlq', '--count', '11'], '--count takes a whole number from 1 to 10.'],
  ])('answers %j with the usage and exit code 2', async (args, message) => {
    // Act
    const exitCode = await dlq(...args);

    // Assess
    expect(exitCode).toBe(2);
    expect(output.join('\n')).toMatch(
      new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\nUsage: npm run dlq`),
    );
  });

  it('asks for the local runtime when its facts are missing', async () => {
    // Prepare
    runtimeFile = path.join(path.dirname(runtimeFile), 'missing.json');

    // Act
    const exitCode = await dlq('list');

    // Assess
    expect(exitCode).toBe(1);
    expect(output.join('\n')).toContain('start the local runtime with npm start');
  });

  describe("a rule's redrive: its dead letters moved message by message to another queue", () => {
    it('moves every message, body unchanged, and empties the source', async () => {
      // Prepare
      const client = localClient(endpoint);
      for (const n of [1, 2, 3]) audit.queue.send(`event ${n}`);
      await audit.queue.drained();
      imports.state.healed = true;
      const url = async (name: string) =>
        (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
      const totals: number[] = [];

      // Act
      const moved = await moveMessages(
        client,
        await url('gridline-local-audit-dlq'),
        await url('gridline-local-imports'),
        (n) => totals.push(n),
      );
      await imports.queue.drained();

      // Assess
      expect(moved).toBe(3);
      expect(totals).toEqual([3]);
      expect(imports.state.handled.sort()).toEqual(['event 1', 'event 2', 'event 3']);
      expect(audit.queue.deadLetters).toEqual([]);
      client.destroy();
    });
  });

  describe('the endpoint answers as SQS does', () => {
    it('with QueueDoesNotExist for a queue it does not have', async () => {
      // Prepare
      const client = localClient(endpoint);

      // Act
      const asked = client.send(new GetQueueUrlCommand({ QueueName: 'gridline-local-schedule-x-dlq' }));

      // Assess
      await expect(asked).rejects.toBeInstanceOf(QueueDoesNotExist);
      client.destroy();
    });

    it('refusing a move from a queue that is no dead-letter queue, and receives from a work queue', async () => {
      // Prepare
      const client = localClient(endpoint);
      const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: 'gridline-local-audit' }));
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
      );

      // Act
      const moved = client.send(new StartMessageMoveTaskCommand({ SourceArn: Attributes?.QueueArn }));
      const received = client.send(new ReceiveMessageCommand({ QueueUrl }));

      // Assess
      await expect(moved).rejects.toBeInstanceOf(UnsupportedOperation);
      await expect(received).rejects.toBeInstanceOf(UnsupportedOperation);
      expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({
        deadLetterTargetArn: 'arn:aws:sqs:local:000000000000:gridline-local-audit-dlq',
        maxReceiveCount: 5,
      });
      client.destroy();
    });
  });
});

function localClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
