import { Logger } from '@aws-lambda-powertools/logger';
import { SesMailer } from '#adapters/messaging/ses-mailer';
import { type MessagingDeps, MessagingService } from '#domain/messaging/messaging-service';
import { DynamoContactStore } from '#table/accounts/contact-store';
import type { Table } from '#table/core/table';
import { DynamoMessageStore } from '#table/messaging/message-store';
import { serviceDeps } from './service-deps';
import { smsSenderFromEnvironment } from './sms-sender-from-environment';

export interface MessagingServices {
  readonly messaging: MessagingService;
}

/**
 * Wires e-mail and SMS to contacts: SES (`SES_CONFIGURATION_SET` optional),
 * the SMS sender the environment names (`SMS_SENDER=local` locally), and the
 * table. Tests pass their own mailer, SMS sender, clock or ids.
 */
export function messagingServices(
  table: Table,
  overrides: Partial<Omit<MessagingDeps, 'contacts' | 'messages'>> = {},
): MessagingServices {
  const logger = new Logger({ serviceName: 'messaging' });
  const { mailer, sms, log, ...given } = overrides;
  const deps = serviceDeps(table, given);
  return {
    messaging: new MessagingService({
      ...deps,
      contacts: new DynamoContactStore(table),
      messages: new DynamoMessageStore(table),
      mailer: mailer ?? SesMailer.fromEnvironment(),
      sms: sms ?? smsSenderFromEnvironment(),
      log: log ?? { error: (message, details) => logger.error(message, details) },
    }),
  };
}
