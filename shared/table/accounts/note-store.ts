import type { Note, NoteStore, Subject } from '#domain/accounts/records';
import type { DomainEvent } from '#domain/events';
import type { IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { commitCreate } from '#table/core/commit-create';
import { queryPage } from '#table/core/query-page';
import { subjectPartition } from '#table/core/subject-keys';
import type { Table } from '#table/core/table';
import { noteEntity } from './entities';

export class DynamoNoteStore implements NoteStore {
  constructor(private readonly table: Table) {}

  add(tenantId: string, note: Note, event: DomainEvent, idempotency?: IdempotencyToken) {
    return commitCreate(this.table, {
      resource: 'note',
      id: note.id,
      item: noteEntity.item(note, {
        key: { subjectPk: subjectPartition(tenantId, note.subject), noteId: note.id },
      }),
      event,
      idempotency,
      response: note,
    });
  }

  /** Newest first: note ids are ULIDs, which sort by time. */
  list(tenantId: string, subject: Subject, page: PageRequest): Promise<Page<Note>> {
    return queryPage<Note>(
      this.table,
      noteEntity.patterns.ofSubject.query({ subjectPk: subjectPartition(tenantId, subject) }),
      page,
    );
  }
}
