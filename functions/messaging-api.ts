import { messagingApi } from '#api/messaging/messaging-bindings';
import { httpFunction } from '#runtime/http-function';
import { messagingServices } from '#runtime/messaging-services';
import { tableFromEnvironment } from '#table/core/table';

/** E-mail and SMS to contacts, through SES and AWS End User Messaging. */
export const handler = httpFunction('messaging-api', () =>
  messagingApi(messagingServices(tableFromEnvironment())),
);
