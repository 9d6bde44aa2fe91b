import type { SQSClient } from '@aws-sdk/client-sqs';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';

/** Long enough to send and delete a batch; a message it expires on comes again, to a consumer that de-duplicates. */
const MOVE_VISIBILITY_TIMEOUT_SECONDS = 60;

/**
 * Moves every message of one queue to another, body unchanged, batch by
 * batch until a receive finds none: each is sent before it is deleted, so
 * a failure midway duplicates at most, never loses. `onBatch` hears the
 * running total.
 */
export async function moveMessages(
  sqs: SQSClient,
  fromUrl: string,
  toUrl: string,
  onBatch: (moved: number) => void,
): Promise<number> {
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: fromUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: MOVE_VISIBILITY_TIMEOUT_SECONDS,
        WaitTimeSeconds: 1,
      }),
    );
    if (Messages.length === 0) return moved;
    for (const message of Messages) {
      await sqs.send(new SendMessageCommand({ QueueUrl: toUrl, MessageBody: message.Body ?? '' }));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: fromUrl, ReceiptHandle: message.ReceiptHandle }));
      moved++;
    }
    onBatch(moved);
  }
}
