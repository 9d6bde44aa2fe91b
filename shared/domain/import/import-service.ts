import { assertVersion, ConflictError, NotFoundError } from '#domain/errors';
import type { Actor, IdempotencyToken } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ObjectStore } from '#domain/storage/object-store';
import { newImportEvent } from './import-events';
import {
  type ImportJob,
  type ImportMessage,
  type ImportMode,
  type ImportStore,
  type ImportView,
  importLimits,
  importObjects,
  importSubject,
  importView,
  type NewImport,
  newImport,
  requested,
  withMapping,
} from './import-job';
import type { ImportMapping } from './import-mapping';

export interface UploadInstructions {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the PUT must carry exactly as given (they are part of the signature). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

export const importContentType = 'text/csv';

/** The download name of a report: `kunder.csv` → `kunder-report.csv`. */
export const reportFileName = (fileName: string) => `${fileName.replace(/\.csv$/i, '')}-report.csv`;

/**
 * Imports as the API sees them (R-AC-8): a file is announced and uploaded
 * by pre-signed URL, mapped, then dry-run or run as a queued job whose
 * progress and report the client reads back.
 */
export class ImportService {
  constructor(
    private readonly deps: ServiceDeps & { readonly imports: ImportStore; readonly objects: ObjectStore },
  ) {}

  async create(
    actor: Actor,
    input: NewImport,
    idempotency?: IdempotencyToken,
  ): Promise<{ import: ImportView; upload: UploadInstructions; replayed: boolean }> {
    const ctx = await changeContext(this.deps, actor);
    const job = newImport(this.deps.ids.next(), input, ctx);
    const event = newImportEvent(this.deps, ctx, 'ImportCreated', {
      subject: importSubject(job.id),
      data: { import: importView(job) },
    });
    const created = await this.deps.imports.create(job, event, idempotency);
    const stored = created.value;
    if (created.replayed) {
      // A replay may hand out a new upload URL only while the file is still awaited:
      // afterwards another file of the same size could replace the validated one.
      const current = await this.deps.imports.get(actor.tenantId, stored.id);
      if (current && current.state !== 'awaiting-upload') {
        throw new ConflictError(
          'invalid-state',
          'this import has its file already; start a new import for another file',
          [{ name: 'Idempotency-Key', reason: 'belongs to an import whose file was uploaded' }],
        );
      }
    }
    const url = await this.deps.objects.presignUpload(
      importObjects.source(actor.tenantId, stored.id),
      importContentType,
      stored.size,
      importLimits.uploadUrlSeconds,
    );
    return {
      import: importView(stored),
      upload: {
        url,
        method: 'PUT',
        headers: { 'content-type': importContentType },
        expiresAt: new Date(ctx.now.getTime() + importLimits.uploadUrlSeconds * 1000).toISOString(),
      },
      replayed: created.replayed,
    };
  }

  private async load(actor: Actor, importId: string): Promise<ImportJob> {
    const job = await this.deps.imports.get(actor.tenantId, importId);
    if (!job) throw new NotFoundError('import', importId);
    return job;
  }

  /** The import with its progress; a finished one with a download URL of its report. */
  async get(actor: Actor, importId: string): Promise<ImportView> {
    const job = await this.load(actor, importId);
    const reportUrl =
      job.state === 'done' && job.reportKey
        ? await this.deps.objects.presignDownload(
            job.reportKey,
            reportFileName(job.fileName),
            importLimits.reportUrlSeconds,
          )
        : undefined;
    return importView(job, reportUrl);
  }

  async setMapping(
    actor: Actor,
    importId: string,
    expectedVersion: number,
    mapping: ImportMapping,
  ): Promise<ImportView> {
    const current = await this.load(actor, importId);
    assertVersion('import', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const { job: next, changes } = withMapping(current, mapping, ctx);
    if (changes.length === 0) return importView(current);
    const event = newImportEvent(this.deps, ctx, 'ImportMappingSet', {
      subject: importSubject(importId),
      data: { mapping },
    });
    await this.deps.imports.update(current, next, event);
    return importView(next);
  }

  /**
   * Queues a dry run or a run of the whole file. The file must be uploaded
   * and no bigger than allowed; the job starts from the first row whatever
   * an earlier run did (its rows are then found and skipped).
   */
  async request(
    actor: Actor,
    importId: string,
    mode: ImportMode,
    expectedVersion?: number,
  ): Promise<ImportView> {
    const current = await this.load(actor, importId);
    assertVersion('import', current, expectedVersion);
    const head = await this.deps.objects.head(importObjects.source(actor.tenantId, importId));
    if (!head) {
      throw new ConflictError(
        'missing-prerequisite',
        `the file of import ${importId} is not uploaded yet; PUT it to the upload URL`,
        [{ name: 'file', reason: 'is not uploaded' }],
      );
    }
    if (head.size > importLimits.maxBytes) {
      throw new ConflictError(
        'limit-reached',
        `the uploaded file has ${head.size} bytes; at most 200 MB can be imported`,
        [{ name: 'file', reason: 'is larger than 200 MB' }],
      );
    }
    const ctx = await changeContext(this.deps, actor);
    const next = requested(current, mode, head.size, ctx);
    const message: ImportMessage = { importId, run: next.run, step: next.step, mode };
    const event = newImportEvent(this.deps, ctx, 'ImportRequested', {
      subject: importSubject(importId),
      data: message,
    });
    await this.deps.imports.update(current, next, event);
    return importView(next);
  }
}
