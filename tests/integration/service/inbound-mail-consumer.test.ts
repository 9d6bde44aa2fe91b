import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { inboundMailConsumer } from '#runtime/inbound-mail-consumer';
import { sqsEvent, sqsRecord } from '../../support/queue-messages';
import { type ServiceWorld, serviceWorld } from '../../support/service-world';

/** What S3 puts on the queue when the receipt rule stored a message under `key` (the key URL-encoded). */
const s3Notification = (key: string, size = 100) =>
  JSON.stringify({
    Records: [
      {
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        s3: {
          bucket: { name: 'files' },
          object: { key: encodeURIComponent(key).replace(/%20/g, '+'), size },
        },
      },
    ],
  });

function rawMail(fields: { to: string; subject: string; messageId?: string; text: string }): string {
  return [
    'From: Karin Lindqvist <karin@solrosen.example>',
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    ...(fields.messageId ? [`Message-ID: <${fields.messageId}>`] : []),
    'Date: Fri, 04 Dec 2026 09:15:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.text,
    '',
  ].join('\r\n');
}

const silent = { info: () => {}, error: () => {} };

describe('inbound-mail consumer', () => {
  let world: ServiceWorld;
  let consume: ReturnType<typeof inboundMailConsumer>;

  /** Stores a raw message as the receipt rule would, under a key with a space as S3 encodes it. */
  const stored = async (raw: string) => {
    const key = `inbound-mail/${randomUUID()} msg`;
    await world.objects.write(key, Buffer.from(raw), 'message/rfc822');
    return key;
  };

  beforeEach(async () => {
    world = await serviceWorld();
    consume = inboundMailConsumer({ intake: world.services.intake, objects: world.objects, logger: silent });
  });

  it('reports a record that is no S3 notification as failed, and still takes in the good one beside it', async () => {
    // Prepare
    const key = await stored(
      rawMail({
        to: world.mailbox,
        subject: 'Fråga om fakturan',
        messageId: `${randomUUID()}@solrosen.example`,
        text: 'Hej!',
      }),
    );
    const event = sqsEvent(
      sqsRecord('not-json', 'this is not JSON'),
      sqsRecord('wrong-shape', JSON.stringify({ Records: [{ eventSource: 'aws:s3' }] })),
      sqsRecord('good', s3Notification(key)),
    );

    // Act
    const result = await consume(event);
    const cases = await world.cases();

    // Assess
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['not-json', 'wrong-shape']);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      subject: 'Fråga om fakturan',
      channel: 'email',
      teamId: world.teamId,
      requester: { email: 'karin@solrosen.example' },
    });
  });

  it('skips S3’s test event without a failure', async () => {
    // Prepare
    const testEvent = JSON.stringify({
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: new Date().toISOString(),
      Bucket: 'files',
      RequestId: 'r1',
      HostId: 'h1',
    });

    // Act
    const result = await consume(sqsEvent(sqsRecord('test-event', testEvent)));

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(await world.cases()).toEqual([]);
  });

  it('makes one case and one message of a notification delivered twice', async () => {
    // Prepare
    const key = await stored(
      rawMail({
        to: world.mailbox,
        subject: 'Mätarbyte',
        messageId: `${randomUUID()}@solrosen.example`,
        text: 'När byts mätaren?',
      }),
    );

    // Act
    const first = await consume(sqsEvent(sqsRecord('first', s3Notification(key))));
    const timersAfterFirst = [...world.timerCalls];
    const second = await consume(sqsEvent(sqsRecord('second', s3Notification(key))));
    const cases = await world.cases();
    const messages = await world.services.cases.messages(world.admin, cases[0]?.id ?? '-', { limit: 10 });

    // Assess
    expect([first.batchItemFailures, second.batchItemFailures]).toEqual([[], []]);
    expect(cases).toHaveLength(1);
    expect(cases[0]?.messageCount).toBe(1);
    expect(messages.items.map((m) => m.text)).toEqual(['När byts mätaren?']);
    expect(timersAfterFirst.filter((c) => c.kind === 'set').length).toBeGreaterThan(0);
    expect(world.timerCalls).toEqual(timersAfterFirst);
  });

  it('makes one case of a message without a Message-ID delivered twice', async () => {
    // Prepare
    const key = await stored(rawMail({ to: world.mailbox, subject: 'Utan id', text: 'Hej igen' }));

    // Act
    await consume(sqsEvent(sqsRecord('first', s3Notification(key))));
    await consume(sqsEvent(sqsRecord('second', s3Notification(key))));
    const cases = await world.cases();

    // Assess
    expect(cases).toHaveLength(1);
    expect(cases[0]?.messageCount).toBe(1);
  });

  it('makes one case of the same notification twice in one batch', async () => {
    // Prepare
    const key = await stored(
      rawMail({
        to: world.mailbox,
        subject: 'Dubbelt',
        messageId: `${randomUUID()}@solrosen.example`,
        text: 'Samma brev två gånger',
      }),
    );

    // Act: a failed record comes back later, as SQS would send it again.
    const batch = await consume(
      sqsEvent(sqsRecord('one', s3Notification(key)), sqsRecord('two', s3Notification(key))),
    );
    for (const failure of batch.batchItemFailures)
      await consume(sqsEvent(sqsRecord(failure.itemIdentifier, s3Notification(key))));
    const cases = await world.cases();

    // Assess
    expect(cases).toHaveLength(1);
    expect(cases[0]?.number).toBe(1);
    expect(cases[0]?.messageCount).toBe(1);
  });

  it('keeps mail for no tenant’s mailbox as rejected without failing the record', async () => {
    // Prepare
    const key = await stored(
      rawMail({
        to: 'someone@elsewhere.example',
        subject: 'Fel adress',
        messageId: `${randomUUID()}@x.example`,
        text: 'Hej',
      }),
    );

    // Act
    const result = await consume(sqsEvent(sqsRecord('elsewhere', s3Notification(key))));
    const rejected = await world.services.rejectedMail.list(undefined, { limit: 10 });

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(await world.cases()).toEqual([]);
    expect(rejected.items).toMatchObject([
      { objectKey: key, reason: 'unknown-recipient', subject: 'Fel adress' },
    ]);
  });

  it('fails only the record whose stored message is gone, so that it alone is tried again', async () => {
    // Prepare
    const key = await stored(
      rawMail({
        to: world.mailbox,
        subject: 'Finns kvar',
        messageId: `${randomUUID()}@solrosen.example`,
        text: 'Hej',
      }),
    );
    const gone = s3Notification(`inbound-mail/${randomUUID()}`);

    // Act
    const mixed = await consume(
      sqsEvent(sqsRecord('missing', gone), sqsRecord('present', s3Notification(key))),
    );
    const alone = consume(sqsEvent(sqsRecord('missing', gone)));

    // Assess: a batch where every record failed is failed whole, which SQS also delivers again.
    expect(mixed.batchItemFailures).toEqual([{ itemIdentifier: 'missing' }]);
    await expect(alone).rejects.toThrow(/All records failed/);
    expect((await world.cases()).map((c) => c.subject)).toEqual(['Finns kvar']);
  });
});
