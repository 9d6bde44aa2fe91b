import { messagingApi } from '../shared/api/messaging-api';
import { httpFunction } from '../shared/runtime/http-function';
import { messagingServices } from '../shared/runtime/messaging-services';
import { tableFromEnvironment } from '../shared/table/table';

/** E-mail and SMS to contacts, through SES and AWS End User Messaging. */
export const handler = httpFunction('messaging-api', () =>
  messagingApi(messagingServices(tableFromEnvironment())),
);
