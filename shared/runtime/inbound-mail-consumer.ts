import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { withCorrelation } from '#adapters/observability/correlation';
import type { CaseIntake } from '#domain/service/case-intake';
import type { ObjectStore } from '#domain/storage/object-store';

/** What S3 sends the queue when the mail receipt stored a message: the object's key (URL-encoded, `+` for spaces). */
const s3Notification = z.object({
  Records: z.array(z.object({ s3: z.object({ object: z.object({ key: z.string().min(1) }) }) })).min(1),
});

/** S3's one-off message when a notification is set up: nothing to do. */
const isTestEvent = (body: unknown) =>
  typeof body === 'object' && body !== null && (body as { Event?: unknown }).Event === 's3:TestEvent';

async function bytesOf(objects: Pick<ObjectStore, 'read'>, key: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await objects.read(key)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * The inbound-mail queue's consumer: each S3 notification names raw
 * messages the receipt rule stored; each is read and handed to the intake.
 * What a sender sent never fails a record (the intake keeps bad mail as
 * rejected); an unreadable notification does, and ends in the dead-letter
 * queue. Failures are reported per record.
 */
export function inboundMailConsumer(deps: {
  readonly intake: Pick<CaseIntake, 'mail'>;
  readonly objects: Pick<ObjectStore, 'read'>;
  readonly logger: Pick<Logger, 'info' | 'error'>;
}) {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const body: unknown = JSON.parse(record.body);
    if (isTestEvent(body)) return;
    const notification = s3Notification.safeParse(body);
    if (!notification.success) {
      deps.logger.error('not an S3 notification', { messageId: record.messageId });
      throw new Error(`message ${record.messageId} is not an S3 notification`);
    }
    for (const entry of notification.data.Records) {
      const key = decodeURIComponent(entry.s3.object.key.replace(/\+/g, ' '));
      // The stored message's key names it in every log line of its intake.
      const outcome = await withCorrelation({ correlationId: key, messageId: record.messageId }, async () =>
        deps.intake.mail(key, await bytesOf(deps.objects, key)),
      );
      deps.logger.info('inbound mail', { key, ...outcome });
    }
  };
  return (event: SQSEvent, context?: Context) =>
    processPartialResponse(event, handleRecord, processor, { context });
}
