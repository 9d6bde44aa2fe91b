import { MessagingService } from '#domain/messaging/messaging-service';
import type { MessagingServices } from '#domain/messaging/messaging-services';
import type { ServiceDeps } from '#domain/service-context';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoMessageStore } from '#table/messaging/message-store';
import type { Environment } from './environment';
import { gridlineLogger } from './observability/logger';
import { serviceDeps } from './service-deps';

/** Wires e-mail and SMS to contacts: the environment's mailer and SMS sender, and the table. */
export function messagingServices(
  env: Pick<Environment, 'table' | 'mailer' | 'sms'>,
  overrides: Partial<ServiceDeps> = {},
): MessagingServices {
  const { table, mailer, sms } = env;
  const logger = gridlineLogger('messaging');
  return {
    messaging: new MessagingService({
      ...serviceDeps(table, overrides),
      contacts: new DynamoContactStore(table),
      messages: new DynamoMessageStore(table),
      mailer,
      sms,
      log: { error: (message, details) => logger.error(message, details) },
    }),
  };
}
