import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SesMailer } from '#adapters/messaging/ses-mailer';
import { DeliveryError } from '#domain/messaging/delivery-error';
import type { OutgoingEmail } from '#domain/messaging/mailer';

const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());

const email: OutgoingEmail = {
  from: { name: 'Norrsken Energi Kundtjänst', address: 'kundservice@norrsken.example' },
  to: 'anna.svensson@example.se',
  subject: 'Ditt nya elavtal – bekräftelse',
  text: 'Hej Anna!',
  html: '<p>Hej Anna!</p>',
  tags: { tenant: 'norrsken', message: '01JNR8Z5K3A7M6Q2W4E8T9Y0UP' },
};

const mailer = (options = {}) => new SesMailer(new SESv2Client({ region: 'eu-north-1' }), options);

async function failureOf(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('SesMailer', () => {
  it('sends simple UTF-8 content from the encoded sender, with the tags, and answers the message id', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });

    // Act
    const result = await mailer({ configurationSet: 'gridline-events' }).send(email);

    // Assess
    expect(result).toEqual({ messageId: 'ses-0001' });
    const [call] = ses.commandCalls(SendEmailCommand);
    expect(call?.args[0].input).toEqual({
      FromEmailAddress: `=?UTF-8?B?${Buffer.from('Norrsken Energi Kundtjänst').toString('base64')}?= <kundservice@norrsken.example>`,
      Destination: { ToAddresses: ['anna.svensson@example.se'] },
      Content: {
        Simple: {
          Subject: { Data: 'Ditt nya elavtal – bekräftelse', Charset: 'UTF-8' },
          Body: {
            Text: { Data: 'Hej Anna!', Charset: 'UTF-8' },
            Html: { Data: '<p>Hej Anna!</p>', Charset: 'UTF-8' },
          },
        },
      },
      EmailTags: [
        { Name: 'tenant', Value: 'norrsken' },
        { Name: 'message', Value: '01JNR8Z5K3A7M6Q2W4E8T9Y0UP' },
      ],
      ConfigurationSetName: 'gridline-events',
    });
  });

  it('sends no configuration set when none is configured, and only the parts given', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0002' });
    const { html: _html, ...textOnly } = email;

    // Act
    await mailer().send(textOnly);

    // Assess
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input).not.toHaveProperty('ConfigurationSetName');
    expect(input?.Content?.Simple?.Body).toEqual({ Text: { Data: 'Hej Anna!', Charset: 'UTF-8' } });
  });

  it('replaces characters SES does not allow in tag values', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0003' });

    // Act
    await mailer().send({ ...email, tags: { tenant: 'se.tenant/1' } });

    // Assess
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.EmailTags).toEqual([{ Name: 'tenant', Value: 'se_tenant_1' }]);
  });

  it('says the message was refused when SES rejects it', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(
      new MessageRejected({
        message: 'Email address is not verified.',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act
    const error = await failureOf(mailer().send(email));

    // Assess
    expect(error.failure).toBe('refused');
    expect(error.notSent).toBe(true);
    expect(error.message).toContain('Email address is not verified.');
  });

  it('says the message was not taken, and may be sent later, when SES throttles', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(
      new TooManyRequestsException({
        message: 'Maximum sending rate exceeded.',
        $metadata: { httpStatusCode: 429 },
      }),
    );

    // Act
    const error = await failureOf(mailer().send(email));

    // Assess
    expect(error.failure).toBe('unavailable');
    expect(error.notSent).toBe(true);
  });

  it('says the outcome is unknown when SES does not answer', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    // Act
    const error = await failureOf(mailer().send(email));

    // Assess
    expect(error.failure).toBe('unknown');
    expect(error.notSent).toBe(false);
  });
});
