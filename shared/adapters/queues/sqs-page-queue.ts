import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { withCurrentCorrelationId } from '#adapters/observability/correlation';
import type { PageQueue, PageToSend } from '#domain/newsletters/newsletter-ports';

/** SendMessageBatch takes ten messages a request. */
const perRequest = 10;

/** The newsletter sender's own SQS queue: pages of a send fanned out, ten a request. */
export class SqsPageQueue implements PageQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(pages: readonly PageToSend[], delaySeconds = 0): Promise<void> {
    for (let start = 0; start < pages.length; start += perRequest) {
      const entries = pages.slice(start, start + perRequest).map((page, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify(withCurrentCorrelationId(page)),
        ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
      }));
      const { Failed } = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
      );
      // A page not queued would never be sent: fail, and the start is retried (a page queued twice is sent once).
      if (Failed && Failed.length > 0)
        throw new Error(`SQS did not take ${Failed.length} pages: ${Failed.map((f) => f.Code).join(', ')}`);
    }
  }
}
