import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalQueue } from './local-queue';
import { LocalMessageMoveTasks, MoveTaskAlreadyRunning } from './message-move-tasks';

/** The local runtime's queues are named as a stack of this name's are in AWS. */
export const LOCAL_STACK_NAME = 'gridline-local';

const ACCOUNT = '000000000000';
const REGION = 'local';
/** SQS's default for a receive that names none; the dead-letter queues keep it. */
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

/** The request fields of the operations emulated here (SQS's JSON protocol names). */
interface SqsRequest {
  readonly QueueUrl?: string;
  readonly QueueName?: string;
  readonly QueueNamePrefix?: string;
  readonly AttributeNames?: readonly string[];
  readonly MaxNumberOfMessages?: number;
  readonly VisibilityTimeout?: number;
  readonly MessageBody?: string;
  readonly DelaySeconds?: number;
  readonly ReceiptHandle?: string;
  readonly SourceArn?: string;
  readonly DestinationArn?: string;
  readonly MaxNumberOfMessagesPerSecond?: number;
  readonly MaxResults?: number;
}

/** A local queue by its SQS name: a work queue, or the dead letters of one. */
interface NamedQueue {
  readonly name: string;
  readonly kind: 'work' | 'dead-letters';
  readonly queue: LocalQueue;
}

/** An answer in SQS's error shape; the client maps `type` to its exception class. */
class SqsError extends Error {
  constructor(
    readonly type: string,
    /** The code the query protocol used, which the client also reads (its `x-amzn-query-error` header). */
    readonly queryCode: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const queueDoesNotExist = (name: string) =>
  new SqsError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    `The specified queue ${name} does not exist.`,
  );
const unsupported = (message: string) =>
  new SqsError('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', message);
const resourceNotFound = (arn: string) =>
  new SqsError('ResourceNotFoundException', 'ResourceNotFoundException', `${arn} does not exist.`, 404);

/**
 * SQS's JSON protocol on 127.0.0.1 over the runtime's queues, so operations
 * tooling uses the real SQSClient locally as in AWS. Each work queue is
 * `<prefix>-<queue>` and its dead letters `<prefix>-<queue>-dlq`. The work
 * queues' consumers own their messages: they take sends, not receives; the
 * dead-letter queues are read, deleted from and moved back
 * (StartMessageMoveTask). Answers come at once: a long poll's wait is not
 * kept, and ListQueues gives every name in one page.
 */
export class LocalSqs {
  private server?: Server;
  private endpoint = '';
  private readonly moves = new LocalMessageMoveTasks();

  constructor(
    private readonly prefix: string,
    private readonly queues: ReadonlyMap<string, LocalQueue>,
  ) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
        try {
          const request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as SqsRequest;
          const result = this.answer(operation, request);
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
          res.end(JSON.stringify(result));
        } catch (error) {
          const failure =
            error instanceof SqsError
              ? error
              : new SqsError('InternalError', 'InternalError', String(error), 500);
          res.writeHead(failure.status, {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-query-error': `${failure.queryCode};Sender`,
          });
          res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${failure.type}`, message: failure.message }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  close(): Promise<void> {
    this.moves.stop();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(operation: string, request: SqsRequest): unknown {
    switch (operation) {
      case 'ListQueues':
        return this.listQueues(request);
      case 'GetQueueUrl':
        return { QueueUrl: this.urlOf(this.named(request.QueueName ?? '').name) };
      case 'GetQueueAttributes':
        return this.attributes(request);
      case 'ReceiveMessage':
        return this.receive(request);
      case 'SendMessage':
        return this.send(request);
      case 'DeleteMessage':
        return this.delete(request);
      case 'StartMessageMoveTask':
        return this.startMove(request);
      case 'ListMessageMoveTasks':
        return this.listMoves(request);
      default:
        throw new SqsError(
          'UnknownOperationException',
          'UnknownOperation',
          `${operation || 'a request without X-Amz-Target'} is not emulated locally`,
        );
    }
  }

  private listQueues({ QueueNamePrefix = '' }: SqsRequest) {
    const names = [...this.queues.keys()]
      .flatMap((name) => [`${this.prefix}-${name}`, `${this.prefix}-${name}-dlq`])
      .filter((name) => name.startsWith(QueueNamePrefix))
      .sort();
    return { QueueUrls: names.map((name) => this.urlOf(name)) };
  }

  private attributes({ QueueUrl, AttributeNames = [] }: SqsRequest) {
    const named = this.byUrl(QueueUrl);
    const counts = named.kind === 'work' ? named.queue.messageCounts : named.queue.deadLetterCounts;
    const all: Record<string, string> = {
      QueueArn: this.arnOf(named.name),
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
      ...(named.kind === 'work'
        ? {
            VisibilityTimeout: String(named.queue.definition.visibilityTimeoutSeconds),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: this.arnOf(`${named.name}-dlq`),
              maxReceiveCount: named.queue.definition.maxReceiveCount,
            }),
          }
        : {}),
    };
    const wanted = AttributeNames.includes('All') ? Object.keys(all) : AttributeNames;
    return {
      Attributes: Object.fromEntries(Object.entries(all).filter(([name]) => wanted.includes(name))),
    };
  }

  private receive({ QueueUrl, MaxNumberOfMessages = 1, VisibilityTimeout }: SqsRequest) {
    const named = this.byUrl(QueueUrl);
    if (named.kind === 'work') {
      throw unsupported(
        `${named.name} is consumed by its function in the local runtime; receive from ${named.name}-dlq instead`,
      );
    }
    const max = Math.min(Math.max(MaxNumberOfMessages, 1), 10);
    const received = named.queue.receiveDeadLetters(
      max,
      VisibilityTimeout ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
    );
    return {
      Messages: received.map((m) => ({
        MessageId: m.id,
        ReceiptHandle: m.receiptHandle,
        MD5OfBody: md5(m.body),
        Body: m.body,
        Attributes: {
          ApproximateReceiveCount: String(m.receiveCount),
          SentTimestamp: String(m.sentAt),
          SenderId: 'local',
        },
      })),
    };
  }

  private send({ QueueUrl, MessageBody = '', DelaySeconds = 0 }: SqsRequest) {
    const named = this.byUrl(QueueUrl);
    if (named.kind === 'dead-letters') {
      throw unsupported(`${named.name} takes only the dead letters of its queue in the local runtime`);
    }
    return { MessageId: named.queue.send(MessageBody, DelaySeconds), MD5OfMessageBody: md5(MessageBody) };
  }

  private delete({ QueueUrl, ReceiptHandle = '' }: SqsRequest) {
    const named = this.byUrl(QueueUrl);
    if (named.kind === 'work' || !named.queue.deleteDeadLetter(ReceiptHandle)) {
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        'ReceiptHandleIsInvalid',
        `The receipt handle ${ReceiptHandle} is not one of ${named.name}'s received messages`,
        404,
      );
    }
    return {};
  }

  private startMove({ SourceArn = '', DestinationArn, MaxNumberOfMessagesPerSecond }: SqsRequest) {
    const source = this.byArn(SourceArn);
    if (source.kind === 'work') throw unsupported('Source queue must be configured as a Dead Letter Queue.');
    const destination = DestinationArn ? this.byArn(DestinationArn) : undefined;
    if (destination?.kind === 'dead-letters') {
      throw unsupported(`${destination.name} takes only the dead letters of its queue in the local runtime`);
    }
    try {
      const task = this.moves.start({
        sourceArn: SourceArn,
        destinationArn: DestinationArn,
        maxNumberOfMessagesPerSecond: MaxNumberOfMessagesPerSecond,
        from: source.queue,
        to: destination?.queue ?? source.queue,
      });
      return { TaskHandle: task.handle };
    } catch (error) {
      if (error instanceof MoveTaskAlreadyRunning) throw unsupported(error.message);
      throw error;
    }
  }

  private listMoves({ SourceArn = '', MaxResults = 1 }: SqsRequest) {
    this.byArn(SourceArn);
    const tasks = this.moves.of(SourceArn).slice(0, Math.min(Math.max(MaxResults, 1), 10));
    return {
      Results: tasks.map((task) => ({
        // SQS gives the handle only while a task runs (it is what CancelMessageMoveTask takes).
        ...(task.status === 'RUNNING' ? { TaskHandle: task.handle } : {}),
        Status: task.status,
        SourceArn: task.sourceArn,
        ...(task.destinationArn ? { DestinationArn: task.destinationArn } : {}),
        ...(task.maxNumberOfMessagesPerSecond
          ? { MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond }
          : {}),
        ApproximateNumberOfMessagesMoved: task.moved,
        ApproximateNumberOfMessagesToMove: task.toMove,
        StartedTimestamp: task.startedAt,
      })),
    };
  }

  private named(name: string): NamedQueue {
    const own = name.startsWith(`${this.prefix}-`) ? name.slice(this.prefix.length + 1) : undefined;
    const work = own === undefined ? undefined : this.queues.get(own);
    if (work) return { name, kind: 'work', queue: work };
    const deadLettersOf = own?.endsWith('-dlq') ? this.queues.get(own.slice(0, -'-dlq'.length)) : undefined;
    if (deadLettersOf) return { name, kind: 'dead-letters', queue: deadLettersOf };
    throw queueDoesNotExist(name);
  }

  private byUrl(url = ''): NamedQueue {
    return this.named(url.slice(url.lastIndexOf('/') + 1));
  }

  private byArn(arn: string): NamedQueue {
    try {
      return this.named(arn.startsWith('arn:aws:sqs:') ? arn.slice(arn.lastIndexOf(':') + 1) : '');
    } catch {
      throw resourceNotFound(arn);
    }
  }

  private urlOf(name: string): string {
    return `${this.endpoint}/${ACCOUNT}/${name}`;
  }

  private arnOf(name: string): string {
    return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
  }
}

const md5 = (body: string) => createHash('md5').update(body).digest('hex');
