import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  type SendTextMessageCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { OutgoingSms, SmsSender } from '#domain/messaging/sms-sender';
import { deliveryErrorOf } from './delivery-errors';

export interface EndUserMessagingOptions {
  /** The configuration set that receives delivery events; none when absent. */
  readonly configurationSet?: string;
}

/**
 * Sends through AWS End User Messaging SMS (`pinpoint-sms-voice-v2`
 * `SendTextMessage`) as a transactional message. The origination identity
 * is the tenant's sender id, phone number or pool; without one the service
 * picks from the account's identities for the destination country.
 */
export class EndUserMessagingSmsSender implements SmsSender {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client = new PinpointSMSVoiceV2Client({}),
    private readonly options: EndUserMessagingOptions = {},
  ) {}

  static fromEnvironment(): EndUserMessagingSmsSender {
    const configurationSet = process.env.SMS_CONFIGURATION_SET;
    return new EndUserMessagingSmsSender(
      new PinpointSMSVoiceV2Client({}),
      configurationSet ? { configurationSet } : {},
    );
  }

  async send(sms: OutgoingSms): Promise<{ messageId: string }> {
    const input: SendTextMessageCommandInput = {
      DestinationPhoneNumber: sms.to,
      ...(sms.from ? { OriginationIdentity: sms.from } : {}),
      MessageBody: sms.body,
      MessageType: 'TRANSACTIONAL',
      ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
      ...(sms.tags && Object.keys(sms.tags).length > 0 ? { Context: { ...sms.tags } } : {}),
    };
    try {
      const { MessageId } = await this.client.send(new SendTextMessageCommand(input));
      if (!MessageId) throw new Error('End User Messaging answered without a MessageId');
      return { messageId: MessageId };
    } catch (error) {
      throw deliveryErrorOf('End User Messaging', error);
    }
  }
}
