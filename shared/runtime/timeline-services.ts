import { TimelineService } from '#domain/timeline/timeline-service';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoContactStore } from '#table/accounts/contact-store';
import { DynamoHistoryStore } from '#table/core/history-store';
import type { Table } from '#table/core/table';

export interface TimelineServices {
  readonly timeline: TimelineService;
}

/** Wires the timeline to the table: it reads accounts, contacts and their history, and writes nothing. */
export function timelineServices(table: Table): TimelineServices {
  return {
    timeline: new TimelineService({
      accounts: new DynamoAccountStore(table),
      contacts: new DynamoContactStore(table),
      history: new DynamoHistoryStore(table),
    }),
  };
}
