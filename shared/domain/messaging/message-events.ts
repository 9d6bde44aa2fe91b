import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Message } from './message';

const messages = eventsOf(eventSources.accounts);

const withMessage = z.object({ message: entity<Message>('Message') });

/** E-mail and SMS to contacts; the message carries an excerpt, not the body. */
export const messageEvents = {
  EmailSent: messages({ when: 'an e-mail to a contact was sent', subjects: ['contact'], data: withMessage }),
  SmsSent: messages({ when: 'an SMS to a contact was sent', subjects: ['contact'], data: withMessage }),
};

export const newMessageEvent = eventFactory(messageEvents);
