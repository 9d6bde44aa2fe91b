import * as z from 'zod';
import { pageOf } from './common-schemas';

/**
 * A record's change history, as every module's history route answers it
 * (kept apart from the accounts' schemas, so a module's bundle that lists
 * history does not build every account and supply point schema).
 */
export const historyEntrySchema = z
  .object({
    eventId: z.string(),
    type: z.string().meta({ example: 'AccountUpdated' }),
    occurredAt: z.iso.datetime(),
    actorId: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    summary: z
      .string()
      .optional()
      .meta({ description: 'One line about the change, e.g. a note’s first words.' }),
  })
  .meta({ id: 'HistoryEntry' });

export const historyPage = pageOf(historyEntrySchema, 'HistoryPage');
