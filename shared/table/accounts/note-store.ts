import type { Note, NoteStore, Subject } from '#domain/accounts/records';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitChange } from '#table/core/commit-change';
import { keys } from '#table/core/keys';
import { queryPage } from '#table/core/query-page';
import { subjectPartition } from '#table/core/subject-keys';
import type { Table } from '#table/core/table';

export class DynamoNoteStore implements NoteStore {
  constructor(private readonly table: Table) {}

  async add(tenantId: string, note: Note, event: DomainEvent, idempotency?: IdempotencyToken) {
    const { replayed } = await commitChange(this.table, {
      resource: 'note',
      id: note.id,
      item: { ...keys.note(subjectPartition(tenantId, note.subject), note.id), entity: 'Note', ...note },
      event,
      idempotency,
      response: note,
    });
    return replayed ? { value: replayed as Note, replayed: true } : { value: note, replayed: false };
  }

  /** Newest first: note ids are ULIDs, which sort by time. */
  list(tenantId: string, subject: Subject, page: PageRequest): Promise<Page<Note>> {
    return queryPage<Note>(
      this.table,
      { partition: subjectPartition(tenantId, subject), sortKeyPrefix: keys.notePrefix, newestFirst: true },
      page,
    );
  }
}
