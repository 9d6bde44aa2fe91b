import { Logger } from '@aws-lambda-powertools/logger';
import { casesServices } from '#runtime/cases-services';
import { casesEnvironment } from '#runtime/environment/cases';
import { inboundMailConsumer } from '#runtime/inbound-mail-consumer';

const environment = casesEnvironment();

/** Mail customers sent to a tenant's service mailbox, as SES receipt stored it: threaded into cases or opening them. */
export const handler = inboundMailConsumer({
  intake: casesServices(environment).intake,
  objects: environment.objects,
  logger: new Logger({ serviceName: 'inbound-mail' }),
});
