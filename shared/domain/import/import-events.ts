import * as z from 'zod';
import { type EventOf, entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import { type ImportView, importModes } from './import-job';
import type { ImportMapping } from './import-mapping';

const imports = eventsOf(eventSources.accounts);

const count = z.int().nonnegative();

/** The run and step of an import a queued message is for; a message of another is stale. */
const importStep = z.object({
  importId: z.string().min(1),
  run: count,
  step: count,
  mode: z.enum(importModes),
});

/** CSV imports of accounts and contacts, and their queued steps. */
export const importEvents = {
  ImportCreated: imports({
    when: 'an import is announced, before its file is uploaded',
    subjects: ['import'],
    data: z.object({ import: entity<ImportView>('Import') }),
  }),
  ImportMappingSet: imports({
    when: 'the mapping of the file’s columns to fields is set',
    subjects: ['import'],
    data: z.object({
      mapping: entity<ImportMapping>('ImportMapping', { key: 'columns', apiSchema: 'SetImportMapping' }),
    }),
  }),
  ImportRequested: imports({
    when: 'a dry run or a run of the file is requested; its first step runs from this event',
    subjects: ['import'],
    data: importStep,
  }),
  ImportContinued: imports({
    when: 'a step of a run hands over to the next one',
    subjects: ['import'],
    data: importStep,
  }),
  ImportCompleted: imports({
    when: 'a dry run or a run is done, with its counts',
    subjects: ['import'],
    data: z.object({
      importId: z.string().min(1),
      run: count,
      mode: z.enum(importModes).optional(),
      rowsTotal: count.optional(),
      rowsDone: count,
      rowsCreated: count,
      rowsSkipped: count,
      rowsFailed: count,
      duplicates: count,
    }),
  }),
  ImportFailed: imports({
    when: 'a run fails: the file cannot be read, does not match the mapping, or changed',
    subjects: ['import'],
    data: z.object({
      importId: z.string().min(1),
      run: count,
      failure: z.object({
        message: z.string(),
        row: count.optional(),
        fields: z
          .array(z.object({ name: z.string(), reason: z.string() }))
          .readonly()
          .optional(),
      }),
    }),
  }),
};

/** The events that run an import's steps: the worker's queue receives these. */
export const importStepEvents = ['ImportRequested', 'ImportContinued'] as const;
export type ImportStepEvent = EventOf<typeof importEvents, (typeof importStepEvents)[number]>;

export const newImportEvent = eventFactory(importEvents);
