import { type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { DeadLetterQueueDescription } from './dead-letter-queues';
import type { DlqContext } from './dlq-context';
import { existingQueueUrl } from './dlq-queues';

export const PEEK_DEFAULT_COUNT = 5;
/** SQS hands out at most 10 messages a receive. */
export const PEEK_MAX_COUNT = 10;

/**
 * `peek`: shows up to `count` messages and deletes none. The receive hides
 * them for no time at all, so they stay visible to the alarm, the next peek
 * and a redrive; a long poll asks every SQS server, not a sample, so a
 * message present is not missed.
 */
export async function peekDeadLetters(
  context: DlqContext,
  dlq: DeadLetterQueueDescription,
  count: number,
): Promise<void> {
  const url = await existingQueueUrl(context, dlq.name);
  const { Messages = [] } = await context.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: count,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
    }),
  );
  if (Messages.length === 0) {
    context.print(`${dlq.name} is empty.`);
    return;
  }
  context.print(
    `${dlq.name}: ${Messages.length === 1 ? '1 message' : `${Messages.length} messages`} (none deleted)`,
  );
  Messages.forEach((message, index) => {
    for (const line of describeMessage(message, index + 1)) context.print(line);
  });
}

function describeMessage(message: Message, position: number): string[] {
  const receives = message.Attributes?.ApproximateReceiveCount ?? '?';
  const sentAt = Number(message.Attributes?.SentTimestamp);
  const sent = Number.isFinite(sentAt) ? new Date(sentAt).toISOString() : 'unknown';
  const body = message.Body ?? '';
  const json = parsedJson(body);
  const event = json === undefined ? undefined : busEventSummary(json);
  return [
    '',
    `${position}. message ${message.MessageId} · received ${receives} times · sent ${sent}`,
    ...(event ? [`   ${event}`] : []),
    ...(json === undefined ? body : JSON.stringify(json, null, 2)).split('\n').map((line) => `   ${line}`),
  ];
}

function parsedJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** An EventBridge event's detail type, the domain event's id, tenant and correlation ids; undefined for other bodies. */
function busEventSummary(json: unknown): string | undefined {
  if (!isRecord(json) || typeof json['detail-type'] !== 'string') return undefined;
  const detail = isRecord(json.detail) ? json.detail : {};
  const parts = [
    json['detail-type'],
    `event ${String(detail.id ?? json.id)}`,
    ...(detail.tenantId === undefined ? [] : [`tenant ${String(detail.tenantId)}`]),
    ...(detail.correlationId === undefined ? [] : [`correlation ${String(detail.correlationId)}`]),
  ];
  return parts.join(' · ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
