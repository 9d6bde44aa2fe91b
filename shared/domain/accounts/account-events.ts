import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Account } from './account';
import type { Contact } from './contact';
import type { Note } from './records';

const accounts = eventsOf(eventSources.accounts);

/** The import and the row of the file an imported account or contact came from. */
const importedFrom = z.object({ id: z.string().min(1), row: z.int().positive() });

/** Accounts, contacts and notes. */
export const accountEvents = {
  AccountCreated: accounts({
    when: 'an account is created (by hand, by an import or by a lead conversion)',
    subjects: ['account'],
    data: z.object({ account: entity<Account>('Account'), import: importedFrom.optional() }),
  }),
  AccountUpdated: accounts({
    when: 'fields of an account change (no event for a change that changes nothing)',
    subjects: ['account'],
    data: z.object({ account: entity<Account>('Account') }),
  }),
  AccountDeleted: accounts({
    when: 'an account is deleted (soft delete)',
    subjects: ['account'],
    data: z.object({ accountId: z.string().min(1) }),
  }),
  AccountRestored: accounts({
    when: 'an admin restores a deleted account',
    subjects: ['account'],
    data: z.object({ account: entity<Account>('Account') }),
  }),
  AccountRegisterChecked: accounts({
    when: 'the company register answered for the account’s organisation number (R-AC-11): its suggestion is stored beside the account and a struck-off company flagged on it',
    subjects: ['account'],
    data: z.object({
      orgNumber: z.string().min(1),
      status: z.enum(['found', 'not-found']),
      struckOff: z.boolean(),
    }),
  }),
  ContactCreated: accounts({
    when: 'a contact is created (by hand, by an import or by a lead conversion)',
    subjects: ['contact'],
    data: z.object({ contact: entity<Contact>('Contact'), import: importedFrom.optional() }),
  }),
  ContactUpdated: accounts({
    when: 'fields of a contact change, also its account',
    subjects: ['contact'],
    data: z.object({ contact: entity<Contact>('Contact') }),
  }),
  ContactDeleted: accounts({
    when: 'a contact is deleted (soft delete)',
    subjects: ['contact'],
    data: z.object({ contactId: z.string().min(1) }),
  }),
  ContactsMerged: accounts({
    when: 'a contact is merged into another; one event for the survivor, one for the loser',
    subjects: ['contact'],
    data: z.object({
      survivorId: z.string(),
      loserId: z.string(),
      /** On the survivor's event: the survivor as merged, and the id of the loser's event. */
      contact: entity<Contact>('Contact').optional(),
      loserEventId: z.string().optional(),
      summary: z.string(),
    }),
  }),
  NoteAdded: accounts({
    when: 'a note is added to an account or a contact',
    subjects: ['account', 'contact'],
    data: z.object({ note: entity<Note>('Note') }),
  }),
};

export const newAccountEvent = eventFactory(accountEvents);
