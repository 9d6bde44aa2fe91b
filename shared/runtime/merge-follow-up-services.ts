import { ContactMergeFollowUp } from '#domain/accounts/contact-merge-follow-up';
import { MergedContactDeals } from '#domain/sales/deals/merged-contact-deals';
import { MergedContactCases } from '#domain/service/merged-contact-cases';
import { DynamoContactMergeMoves } from '#table/accounts/contact-merge-moves';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoHistoryStore } from '#table/core/history-store';
import { DynamoDealStore } from '#table/sales/deal-store';
import { DynamoDealsOfContact } from '#table/sales/deals-of-contact';
import { DynamoCaseStore } from '#table/service/case-store';
import type { Environment } from './environment';
import { serviceDeps } from './service-deps';

/** Wires what follows a merge (ADR 0032) to the table. */
export function mergeFollowUpServices(env: Pick<Environment, 'table'>): { contacts: ContactMergeFollowUp } {
  const { table } = env;
  const services = serviceDeps(table);
  return {
    contacts: new ContactMergeFollowUp({
      contacts: new DynamoContactStore(table),
      history: new DynamoHistoryStore(table),
      moves: new DynamoContactMergeMoves(table),
      references: [
        new MergedContactDeals({
          deals: new DynamoDealStore(table),
          ofContact: new DynamoDealsOfContact(table),
          ids: services.ids,
        }),
        new MergedContactCases({ cases: new DynamoCaseStore(table), ids: services.ids }),
      ],
      services,
    }),
  };
}
