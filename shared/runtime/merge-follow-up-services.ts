import { ContactMergeFollowUp } from '#domain/accounts/contact-merge-follow-up';
import { DynamoContactMergeMoves } from '#table/accounts/contact-merge-moves';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoHistoryStore } from '#table/core/history-store';
import type { Environment } from './environment';

/** Wires what follows a merge (ADR 0032) to the table. */
export function mergeFollowUpServices(env: Pick<Environment, 'table'>): { contacts: ContactMergeFollowUp } {
  const { table } = env;
  return {
    contacts: new ContactMergeFollowUp({
      contacts: new DynamoContactStore(table),
      history: new DynamoHistoryStore(table),
      moves: new DynamoContactMergeMoves(table),
    }),
  };
}
