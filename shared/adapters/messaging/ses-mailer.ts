import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingEmail } from '#domain/messaging/mailer';
import { asciiAddress, formatMailbox } from './address-header';
import { deliveryErrorOf } from './delivery-errors';

export interface SesMailerOptions {
  /** The SES configuration set that receives delivery events; none when absent. */
  readonly configurationSet?: string;
  /** The one that also tracks opens and clicks, for mail that asks for it; the plain one otherwise. */
  readonly trackedConfigurationSet?: string;
}

/** SES tag names and values allow letters, digits, `_` and `-` only. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';

/**
 * Sends through SES v2 `SendEmail` with simple content (SES builds the MIME
 * message, subject, bodies in UTF-8 and attachments). The sender's display name is
 * RFC 2047-encoded, which SES requires for anything beyond ASCII. The same
 * code reaches aws-ses-v2-local on a laptop through `AWS_ENDPOINT_URL_SESV2`.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client = new SESv2Client({}),
    private readonly options: SesMailerOptions = {},
  ) {}

  static fromEnvironment(): SesMailer {
    const configurationSet = process.env.SES_CONFIGURATION_SET;
    const trackedConfigurationSet = process.env.SES_TRACKED_CONFIGURATION_SET;
    return new SesMailer(new SESv2Client({}), {
      ...(configurationSet ? { configurationSet } : {}),
      ...(trackedConfigurationSet ? { trackedConfigurationSet } : {}),
    });
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const configurationSet =
      (email.tracked ? this.options.trackedConfigurationSet : undefined) ?? this.options.configurationSet;
    const input: SendEmailCommandInput = {
      FromEmailAddress: formatMailbox(email.from),
      Destination: { ToAddresses: [asciiAddress(email.to)] },
      ...(email.replyTo ? { ReplyToAddresses: [asciiAddress(email.replyTo)] } : {}),
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            ...(email.text !== undefined ? { Text: { Data: email.text, Charset: 'UTF-8' } } : {}),
            ...(email.html !== undefined ? { Html: { Data: email.html, Charset: 'UTF-8' } } : {}),
          },
          ...(email.headers?.length
            ? { Headers: email.headers.map((h) => ({ Name: h.name, Value: h.value })) }
            : {}),
          ...(email.attachments?.length
            ? {
                Attachments: email.attachments.map((a) => ({
                  FileName: a.fileName,
                  ContentType: a.contentType,
                  ContentDisposition: 'ATTACHMENT' as const,
                  RawContent: a.content,
                })),
              }
            : {}),
        },
      },
      EmailTags: Object.entries(email.tags).map(([name, value]) => ({
        Name: tagValue(name),
        Value: tagValue(value),
      })),
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    };
    try {
      const { MessageId } = await this.client.send(new SendEmailCommand(input));
      if (!MessageId) throw new Error('SES answered without a MessageId');
      return { messageId: MessageId };
    } catch (error) {
      throw deliveryErrorOf('SES', error);
    }
  }
}
