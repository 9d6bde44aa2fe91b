import * as z from 'zod';
import { pageOf } from '#api/common/common-schemas';
import { timelineKinds } from '#domain/timeline/timeline';

export const timelineEntrySchema = z
  .object({
    at: z.iso.datetime(),
    kind: z.enum(timelineKinds),
    title: z.string().meta({ example: 'E-mail sent' }),
    summary: z.string().optional().meta({
      description:
        "A note's start, an e-mail's subject, an SMS's start, a file's name, or the changed fields.",
      example: 'Din nya elavtalsoffert',
    }),
    actorId: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }).meta({
      description:
        "What it happened to: the account itself, or one of its contacts (an account's timeline shows both).",
    }),
    eventId: z.string(),
  })
  .meta({ id: 'TimelineEntry' });

export const timelinePage = pageOf(timelineEntrySchema, 'TimelinePage');
