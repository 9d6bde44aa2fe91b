import { MergedError } from '#domain/errors';
import type { Contact } from './contact';

/** How many merges a read follows from a tombstone before it gives up (a chain longer is a bug). */
const maxMergeHops = 8;

/**
 * A read by id that follows merges (ADR 0032): the live contact, or the live
 * end of the chain its tombstone starts (A merged into B, B later into C
 * names C). `get` is the contact service's, which names a tombstone's survivor.
 */
export async function readFollowingMerges(
  get: (contactId: string) => Promise<Contact>,
  contactId: string,
): Promise<{ contact: Contact } | { mergedInto: string }> {
  let id = contactId;
  for (let hop = 0; hop <= maxMergeHops; hop++) {
    try {
      const contact = await get(id);
      return id === contactId ? { contact } : { mergedInto: id };
    } catch (error) {
      if (!(error instanceof MergedError)) throw error;
      id = error.survivorId;
    }
  }
  throw new Error(`contact ${contactId} starts a chain of more than ${maxMergeHops} merges`);
}
