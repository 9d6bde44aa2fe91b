import { Logger } from '@aws-lambda-powertools/logger';
import { environmentTable } from '#runtime/environment/table';
import { mailFeedbackConsumer } from '#runtime/newsletter-consumers';
import { mailFeedbackRecorder } from '#runtime/newsletters-services';

/** SES's delivery events: permanent bounces and complaints suppress and withdraw consent; deliveries, opens, clicks counted. */
export const handler = mailFeedbackConsumer({
  recorder: mailFeedbackRecorder(environmentTable()),
  logger: new Logger({ serviceName: 'mail-feedback' }),
});
