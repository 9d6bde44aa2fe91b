import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import type { Topology } from '../topology-types';
import { awsQueueName, deadLetterQueuesOf } from './dead-letter-queues';
import type { DlqContext } from './dlq-context';
import { describeRedrivePlan, redrivePlanOf } from './dlq-redrive-plan';

/** A dead-letter queue at the target with its approximate message counts. */
interface ListedQueue {
  readonly name: string;
  readonly holds: string;
  readonly redrive: string;
  readonly visible: number;
  readonly inFlight: number;
}

/**
 * `list`: every dead-letter queue of the topology that exists at the target,
 * the ones holding messages first and marked `!`; the rest in the stack's order.
 */
export async function listDeadLetterQueues(context: DlqContext, topology: Topology): Promise<void> {
  const existing = await queueNamesWithPrefix(context, `${context.stackName}-`);
  const described = deadLetterQueuesOf(topology);
  const present = described.filter((dlq) => existing.has(awsQueueName(context.stackName, dlq.name)));
  const listed = await Promise.all(
    present.map(async (dlq): Promise<ListedQueue> => {
      const url = existing.get(awsQueueName(context.stackName, dlq.name)) ?? '';
      const { Attributes = {} } = await context.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return {
        name: dlq.name,
        holds: dlq.holds,
        redrive: describeRedrivePlan(redrivePlanOf(dlq)),
        visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    }),
  );
  const holding = (q: ListedQueue) => q.visible + q.inFlight > 0;
  const ordered = [...listed.filter(holding), ...listed.filter((q) => !holding(q))];
  const width = Math.max(0, ...ordered.map((q) => q.name.length));

  context.print(`Dead-letter queues of ${context.stackName} in ${context.where}:`);
  for (const q of ordered) {
    context.print(`${holding(q) ? '!' : ' '} ${q.name.padEnd(width)}  ${countOf(q)}`);
    context.print(`  ${' '.repeat(width)}  ${q.holds}; ${q.redrive}`);
  }
  const missing = described.length - present.length;
  if (missing > 0) {
    context.print(`(${missing} more dead-letter queues of the topology do not exist in ${context.where})`);
  }
  const total = listed.filter(holding).length;
  context.print(total === 0 ? 'All empty.' : `${total} of ${listed.length} hold messages.`);
}

function countOf(q: ListedQueue): string {
  const visible = q.visible === 1 ? '1 message' : `${q.visible} messages`;
  return q.inFlight > 0 ? `${visible} (+${q.inFlight} in flight)` : visible;
}

/** The URLs of the queues whose names start with `prefix`, by name. */
async function queueNamesWithPrefix(context: DlqContext, prefix: string): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await context.sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 1000, NextToken }),
    );
    for (const url of page.QueueUrls ?? []) urls.set(url.slice(url.lastIndexOf('/') + 1), url);
    NextToken = page.NextToken;
  } while (NextToken);
  return urls;
}
