import { GetQueueUrlCommand, QueueDoesNotExist } from '@aws-sdk/client-sqs';
import type { Topology } from '../topology-types';
import { awsQueueName, type DeadLetterQueueDescription, deadLetterQueuesOf } from './dead-letter-queues';
import { DlqCommandError, type DlqContext } from './dlq-context';

/** The topology's dead-letter queue a command names, by its short name or its full name at the stack. */
export function deadLetterQueueNamed(
  topology: Topology,
  stackName: string,
  name: string,
): DeadLetterQueueDescription {
  const queues = deadLetterQueuesOf(topology);
  const found = queues.find((q) => q.name === name || awsQueueName(stackName, q.name) === name);
  if (!found) {
    throw new DlqCommandError(
      `${name} is not a dead-letter queue of the topology. Known: ${queues.map((q) => q.name).join(', ')}`,
      2,
    );
  }
  return found;
}

/** The URL of the stack's queue of this topology name; undefined when the queue does not exist there. */
export async function queueUrlOf(context: DlqContext, name: string): Promise<string | undefined> {
  try {
    const { QueueUrl } = await context.sqs.send(
      new GetQueueUrlCommand({ QueueName: awsQueueName(context.stackName, name) }),
    );
    return QueueUrl;
  } catch (error) {
    if (error instanceof QueueDoesNotExist) return undefined;
    throw error;
  }
}

/** The same, failing the command when the queue does not exist. */
export async function existingQueueUrl(context: DlqContext, name: string): Promise<string> {
  const url = await queueUrlOf(context, name);
  if (!url) {
    throw new DlqCommandError(
      `The queue ${awsQueueName(context.stackName, name)} does not exist in ${context.where}.`,
      1,
    );
  }
  return url;
}
