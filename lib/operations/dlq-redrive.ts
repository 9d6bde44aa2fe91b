import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  StartMessageMoveTaskCommand,
  UnsupportedOperation,
} from '@aws-sdk/client-sqs';
import type { DeadLetterQueueDescription } from './dead-letter-queues';
import { DlqCommandError, type DlqContext } from './dlq-context';
import { moveMessages } from './dlq-move-messages';
import { existingQueueUrl } from './dlq-queues';
import { redrivePlanOf } from './dlq-redrive-plan';

const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/**
 * `redrive`: a queue's dead letters go back to it by SQS's message move
 * task, watched until it finishes; a rule's go to the rule's queue message by
 * message; invocation records are refused with what to do instead.
 */
export async function redriveDeadLetters(
  context: DlqContext,
  dlq: DeadLetterQueueDescription,
  pollIntervalMs: number,
): Promise<void> {
  const plan = redrivePlanOf(dlq);
  if (plan.kind === 'refused') throw new DlqCommandError(`Cannot redrive ${dlq.name}: ${plan.reason}`, 2);
  const dlqUrl = await existingQueueUrl(context, dlq.name);
  if (plan.kind === 'message-by-message') {
    const toUrl = await existingQueueUrl(context, plan.queue);
    context.print(`Moving the messages of ${dlq.name} to the ${plan.queue} queue…`);
    const moved = await moveMessages(context.sqs, dlqUrl, toUrl, (n) => context.print(`  moved ${n}`));
    context.print(`Done: moved ${moved} ${moved === 1 ? 'message' : 'messages'} to the ${plan.queue} queue.`);
    return;
  }

  const { Attributes = {} } = await context.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
  );
  const SourceArn = Attributes.QueueArn ?? '';
  // The task before ours, so a listing that lags behind the start is not taken for our task.
  const previous = (await latestTask(context, SourceArn))?.StartedTimestamp ?? -1;
  try {
    await context.sqs.send(new StartMessageMoveTaskCommand({ SourceArn }));
  } catch (error) {
    if (error instanceof UnsupportedOperation) {
      throw new DlqCommandError(`SQS did not start the move: ${error.message}`, 1);
    }
    throw error;
  }
  context.print(
    `Moving the messages of ${dlq.name} back to the ${plan.queue} queue (SQS message move task)…`,
  );
  const task = await finishedTask(context, SourceArn, previous, pollIntervalMs);
  const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
  if (task.Status !== 'COMPLETED') {
    throw new DlqCommandError(
      `The move ${task.Status?.toLowerCase()} after ${moved} messages: ${task.FailureReason ?? 'no reason given'}`,
      1,
    );
  }
  context.print(
    `Done: moved ${moved} ${moved === 1 ? 'message' : 'messages'} back to the ${plan.queue} queue.`,
  );
}

/** The source's most recent move task, if it ever had one. */
async function latestTask(
  context: DlqContext,
  SourceArn: string,
): Promise<ListMessageMoveTasksResultEntry | undefined> {
  const { Results = [] } = await context.sqs.send(
    new ListMessageMoveTasksCommand({ SourceArn, MaxResults: 1 }),
  );
  return Results[0];
}

/**
 * Polls the source's most recent task (one runs at a time per queue), once it
 * is one started after `previous`, until it finishes, printing progress.
 */
async function finishedTask(
  context: DlqContext,
  SourceArn: string,
  previous: number,
  pollIntervalMs: number,
): Promise<ListMessageMoveTasksResultEntry> {
  let reported = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    const task = await latestTask(context, SourceArn);
    if (!task) throw new DlqCommandError(`SQS lists no move task for ${SourceArn}`, 1);
    if ((task.StartedTimestamp ?? 0) <= previous) continue;
    const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
    if (moved !== reported) {
      context.print(
        `  ${task.Status?.toLowerCase()}: moved ${moved} of ${task.ApproximateNumberOfMessagesToMove ?? '?'}`,
      );
      reported = moved;
    }
    if (task.Status && FINISHED.has(task.Status)) return task;
  }
}
