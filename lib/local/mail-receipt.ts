import { ulid } from 'ulid';
import type { ObjectStore } from '#domain/storage/object-store';
import type { MailReceiptDefinition } from '../topology-types';
import type { LocalQueue } from './local-queue';

/**
 * SES receipt on a laptop: a raw RFC 5322 message POSTed to the runtime is
 * stored under the receipt prefix in the files bucket, and the inbound-mail
 * queue gets the S3 notification AWS would send for it. Everything after that
 * is the same code as in AWS.
 */
export class LocalMailReceipt {
  constructor(
    private readonly definition: MailReceiptDefinition,
    private readonly objects: Pick<ObjectStore, 'write'>,
    private readonly queue: LocalQueue,
  ) {}

  async receive(raw: Buffer): Promise<{ status: number; body: unknown }> {
    if (raw.length === 0) {
      return {
        status: 400,
        body: { title: 'Bad request', detail: 'POST the raw message (RFC 5322) as the body' },
      };
    }
    const key = `${this.definition.prefix}${ulid()}`;
    await this.objects.write(key, raw, 'message/rfc822');
    this.queue.send(
      JSON.stringify({
        Records: [
          {
            eventSource: 'aws:s3',
            eventName: 'ObjectCreated:Put',
            s3: { bucket: { name: 'local' }, object: { key: encodeURIComponent(key), size: raw.length } },
          },
        ],
      }),
    );
    return { status: 202, body: { key } };
  }
}
