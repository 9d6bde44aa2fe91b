import { Logger } from '@aws-lambda-powertools/logger';
import { monotonicFactory } from 'ulid';
import { SesMailer } from '../adapters/messaging/ses-mailer';
import { type MessagingDeps, MessagingService } from '../domain/messaging/messaging-service';
import type { ServiceDeps } from '../domain/service-context';
import { DynamoContactStore } from '../table/contact-store';
import { DynamoMessageStore } from '../table/message-store';
import type { Table } from '../table/table';
import { DynamoTenantDirectory } from '../table/tenant-directory';
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
  const ulid = monotonicFactory();
  const logger = new Logger({ serviceName: 'messaging' });
  const { mailer, sms, log, ...serviceDeps } = overrides;
  const deps: ServiceDeps = {
    tenants: new DynamoTenantDirectory(table),
    clock: { now: () => new Date() },
    ids: { next: () => ulid() },
    ...serviceDeps,
  };
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
