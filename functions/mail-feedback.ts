import { environmentTable } from '#runtime/environment/table';
import { mailFeedbackConsumer } from '#runtime/mail-feedback-consumer';
import { mailFeedbackRecorder } from '#runtime/newsletters-services';
import { observability, observedHandler } from '#runtime/observability/observed-handler';

const observed = observability('mail-feedback');

/** SES's delivery events: permanent bounces and complaints suppress and withdraw consent; deliveries, opens, clicks counted. */
export const handler = observedHandler(
  'mail-feedback',
  mailFeedbackConsumer({ recorder: mailFeedbackRecorder(environmentTable()), logger: observed.logger }),
  { observability: observed },
);
