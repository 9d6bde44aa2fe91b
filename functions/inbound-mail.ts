import { caseIntake } from '#runtime/cases-services';
import { environmentCaseTimers } from '#runtime/environment/case-timers';
import { environmentMailParser } from '#runtime/environment/mail-parser';
import { environmentObjects } from '#runtime/environment/objects';
import { environmentTable } from '#runtime/environment/table';
import { inboundMailConsumer } from '#runtime/inbound-mail-consumer';
import { observability, observedHandler } from '#runtime/observability/observed-handler';

const objects = environmentObjects();
const observed = observability('inbound-mail');

/** Mail customers sent to a tenant's service mailbox, as SES receipt stored it: threaded into cases or opening them. */
export const handler = observedHandler(
  'inbound-mail',
  inboundMailConsumer({
    intake: caseIntake({
      table: environmentTable(),
      objects,
      caseTimers: environmentCaseTimers(),
      mailParser: environmentMailParser(),
    }),
    objects,
    logger: observed.logger,
  }),
  { observability: observed },
);
