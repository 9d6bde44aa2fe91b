import * as z from 'zod';
import { idSchema, pageOnlyQuery } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import { messagePage, messageSchema, sendEmailBody, sendSmsBody } from './messaging-schemas';

const contactParams = z.object({ contactId: idSchema });
/** 502: the provider refused it; 503: it did not take it, try again; 504: no answer, it may have gone. */
const sendErrors = [400, 401, 403, 404, 409, 415, 422, 502, 503, 504] as const;

/** E-mail and SMS to a contact (R-CM-E1). */
export const messagingRoutes = {
  sendContactEmail: defineRoute({
    operationId: 'sendContactEmail',
    method: 'POST',
    path: '/v1/contacts/{contactId}/emails',
    summary: "Send an e-mail to a contact from the tenant's sender",
    tag: 'Messaging',
    permission: 'write',
    params: contactParams,
    body: sendEmailBody,
    idempotent: true,
    success: { status: 201, description: 'The message, sent', schema: messageSchema },
    errors: sendErrors,
  }),
  sendContactSms: defineRoute({
    operationId: 'sendContactSms',
    method: 'POST',
    path: '/v1/contacts/{contactId}/sms',
    summary: 'Send an SMS to a contact',
    tag: 'Messaging',
    permission: 'write',
    params: contactParams,
    body: sendSmsBody,
    idempotent: true,
    success: { status: 201, description: 'The message, sent', schema: messageSchema },
    errors: sendErrors,
  }),
  listContactMessages: defineRoute({
    operationId: 'listContactMessages',
    method: 'GET',
    path: '/v1/contacts/{contactId}/messages',
    summary: 'E-mails and SMS sent to a contact, newest first, in every state',
    tag: 'Messaging',
    permission: 'read',
    params: contactParams,
    query: pageOnlyQuery,
    success: { status: 200, description: 'A page of messages', schema: messagePage },
    errors: [400, 401, 403, 404],
  }),
} as const;
