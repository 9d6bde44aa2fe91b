import { messagingApi } from '#api/messaging/messaging-bindings';
import { environmentMailer } from '#runtime/environment/mailer';
import { environmentSms } from '#runtime/environment/sms';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';
import { messagingServices } from '#runtime/messaging-services';

/** E-mail and SMS to contacts, through SES and AWS End User Messaging. */
export const handler = httpFunction('messaging-api', () =>
  messagingApi(
    messagingServices({ table: environmentTable(), mailer: environmentMailer(), sms: environmentSms() }),
  ),
);
