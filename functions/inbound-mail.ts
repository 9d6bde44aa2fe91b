import { Logger } from '@aws-lambda-powertools/logger';
import { casesServices } from '#runtime/cases-services';
import { environmentCaseTimers } from '#runtime/environment/case-timers';
import { environmentObjects } from '#runtime/environment/objects';
import { environmentTable } from '#runtime/environment/table';
import { inboundMailConsumer } from '#runtime/inbound-mail-consumer';

const objects = environmentObjects();

/** Mail customers sent to a tenant's service mailbox, as SES receipt stored it: threaded into cases or opening them. */
export const handler = inboundMailConsumer({
  intake: casesServices({ table: environmentTable(), objects, caseTimers: environmentCaseTimers() }).intake,
  objects,
  logger: new Logger({ serviceName: 'inbound-mail' }),
});
