import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EndUserMessagingSmsSender } from '#adapters/messaging/end-user-messaging-sms-sender';
import { DeliveryError } from '#domain/messaging/delivery-error';

const sms = mockClient(PinpointSMSVoiceV2Client);
afterEach(() => sms.reset());

const sender = (options = {}) =>
  new EndUserMessagingSmsSender(new PinpointSMSVoiceV2Client({ region: 'eu-north-1' }), options);

async function failureOf(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('EndUserMessagingSmsSender', () => {
  it("sends a transactional text from the tenant's sender id and answers the message id", async () => {
    // Prepare
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'sms-0001' });

    // Act
    const result = await sender({ configurationSet: 'gridline-sms' }).send({
      from: 'Norrsken',
      to: '+46701234567',
      body: 'Hej Anna! Din mätare byts på tisdag.',
      tags: { tenant: 'norrsken', message: 'm-1' },
    });

    // Assess
    expect(result).toEqual({ messageId: 'sms-0001' });
    expect(sms.commandCalls(SendTextMessageCommand)[0]?.args[0].input).toEqual({
      DestinationPhoneNumber: '+46701234567',
      OriginationIdentity: 'Norrsken',
      MessageBody: 'Hej Anna! Din mätare byts på tisdag.',
      MessageType: 'TRANSACTIONAL',
      ConfigurationSetName: 'gridline-sms',
      Context: { tenant: 'norrsken', message: 'm-1' },
    });
  });

  it('leaves the origination identity to the service when the tenant has none', async () => {
    // Prepare
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'sms-0002' });

    // Act
    await sender().send({ to: '+421905123456', body: 'Dobrý deň' });

    // Assess
    const input = sms.commandCalls(SendTextMessageCommand)[0]?.args[0].input;
    expect(input).not.toHaveProperty('OriginationIdentity');
    expect(input).not.toHaveProperty('ConfigurationSetName');
    expect(input).not.toHaveProperty('Context');
  });

  it('says the text was refused when the service finds it invalid', async () => {
    // Prepare
    sms.on(SendTextMessageCommand).rejects(
      new ValidationException({
        message: 'Invalid destination phone number',
        Reason: 'INVALID_PARAMETER',
        Fields: [],
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act
    const error = await failureOf(sender().send({ to: '+46701234567', body: 'Hej' }));

    // Assess
    expect(error.failure).toBe('refused');
  });

  it('says the text was not taken when the service throttles', async () => {
    // Prepare
    sms
      .on(SendTextMessageCommand)
      .rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }));

    // Act
    const error = await failureOf(sender().send({ to: '+46701234567', body: 'Hej' }));

    // Assess
    expect(error.failure).toBe('unavailable');
  });
});
