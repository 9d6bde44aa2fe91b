import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import { type Attachment, attachmentSubjectTypes } from './attachment';

const attachments = eventsOf(eventSources.accounts);

/** Files on accounts, contacts, deals and contracts. */
export const attachmentEvents = {
  AttachmentAdded: attachments({
    when: 'an uploaded file on an account, contact, deal or contract is confirmed',
    subjects: attachmentSubjectTypes,
    data: z.object({ attachment: entity<Attachment>('Attachment') }),
  }),
  AttachmentRemoved: attachments({
    when: 'a file on an account, contact, deal or contract is removed',
    subjects: attachmentSubjectTypes,
    data: z.object({ attachmentId: z.string().min(1), fileName: z.string(), objectKey: z.string() }),
  }),
};

export const newAttachmentEvent = eventFactory(attachmentEvents);
