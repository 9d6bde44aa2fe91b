import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { ExportJob } from './export-job';
import type { ExportSpec } from './export-spec';

const exports = eventsOf(eventSources.exports);

const job = entity<ExportJob>('DataSentenceExport');
const spec = entity<ExportSpec>('DataSentenceSpec');

/** Data-sentence exports (R-DS-1): asked for, built by the worker, and the specs they follow. */
export const exportEvents = {
  ExportRequested: exports({
    when: 'an admin asked for a data-sentence export; the export worker builds it',
    subjects: ['export'],
    data: z.object({ job }),
  }),
  ExportCompleted: exports({
    when: 'the worker wrote an export’s file and error report and marked its contracts as sent to the operator',
    subjects: ['export'],
    data: z.object({ job }),
  }),
  ExportSpecSaved: exports({
    when: 'an admin created a data-sentence specification, copied a preset or saved a new version',
    subjects: ['setting'],
    data: z.object({ spec }),
  }),
};

export const newExportEvent = eventFactory(exportEvents);

export const exportSubject = (job: Pick<ExportJob, 'id'>) => ({ type: 'export' as const, id: job.id });
