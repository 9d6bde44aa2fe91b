import { TimelineService } from '#domain/timeline/timeline-service';
import type { TimelineServices } from '#domain/timeline/timeline-services';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoHistoryStore } from '#table/core/history-store';
import type { Environment } from './environment';

/** Wires the timeline to the table: it reads accounts, contacts and their history, and writes nothing. */
export function timelineServices(env: Pick<Environment, 'table'>): TimelineServices {
  const { table } = env;
  return {
    timeline: new TimelineService({
      accounts: new DynamoAccountStore(table),
      contacts: new DynamoContactStore(table),
      history: new DynamoHistoryStore(table),
    }),
  };
}
