import type { Caller } from '#domain/caller';
import { assertVersion, ForbiddenError, NotFoundError } from '#domain/errors';
import type { Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ObjectStore } from '#domain/storage/object-store';
import { exportSubject, newExportEvent } from './export-events';
import type { ContractExport, ExportFormat, ExportJob, ExportSelection } from './export-job';
import { exportPresets, presetFor } from './export-presets';
import type { ExportSpec, ExportSpecContent } from './export-spec';
import { validateSpecContent } from './export-spec-validation';
import type { ExportJobStore, ExportSpecStore } from './export-stores';

export interface ExportServiceDeps extends ServiceDeps {
  readonly specs: ExportSpecStore;
  readonly jobs: ExportJobStore;
  readonly objects: Pick<ObjectStore, 'presignDownload'>;
}

/** A job as a client sees it: with download links once it is done. */
export interface ExportView extends ExportJob {
  readonly downloads?: { readonly file: string; readonly errorReport: string };
}

const linkSeconds = 15 * 60;

/** Data sentences name every new customer of a month: admins only. */
function assertAdmin(caller: Caller): void {
  if (!caller.roles.includes('admin')) throw new ForbiddenError('only admins export data sentences');
}

/** Data-sentence specifications and exports (R-DS-1). */
export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  presets(caller: Caller): readonly ExportSpecContent[] {
    assertAdmin(caller);
    return exportPresets;
  }

  async specs(caller: Caller): Promise<ExportSpec[]> {
    assertAdmin(caller);
    return this.deps.specs.list(caller.tenantId);
  }

  async spec(caller: Caller, specId: string): Promise<ExportSpec> {
    assertAdmin(caller);
    const found = await this.deps.specs.get(caller.tenantId, specId);
    if (!found) throw new NotFoundError('data-sentence spec', specId);
    return found;
  }

  /** A new spec: as given, or a copy of the operator's preset to adjust. */
  async createSpec(
    caller: Caller,
    request: ExportSpecContent | { readonly copyOfPreset: string },
  ): Promise<ExportSpec> {
    assertAdmin(caller);
    const content = 'copyOfPreset' in request ? presetFor(request.copyOfPreset) : request;
    if (!content) throw new NotFoundError('preset', 'copyOfPreset' in request ? request.copyOfPreset : '');
    return this.save(caller, this.deps.ids.next(), validateSpecContent(content));
  }

  async updateSpec(
    caller: Caller,
    specId: string,
    ifMatch: number,
    content: ExportSpecContent,
  ): Promise<ExportSpec> {
    const current = await this.spec(caller, specId);
    assertVersion('data-sentence spec', current, ifMatch);
    return this.save(caller, specId, validateSpecContent(content), current.version);
  }

  private async save(
    caller: Caller,
    id: string,
    content: ExportSpecContent,
    previous?: number,
  ): Promise<ExportSpec> {
    const ctx = await changeContext(this.deps, caller);
    const spec: ExportSpec = {
      ...content,
      id,
      version: (previous ?? 0) + 1,
      updatedAt: ctx.now.toISOString(),
      updatedBy: caller.userId,
    };
    await this.deps.specs.save(caller.tenantId, spec, previous);
    return spec;
  }

  /** Queues an export made from the spec as it is now; the worker builds it. */
  async request(
    caller: Caller,
    request: { readonly specId: string; readonly selection: ExportSelection; readonly format: ExportFormat },
  ): Promise<ExportJob> {
    const spec = await this.spec(caller, request.specId);
    const ctx = await changeContext(this.deps, caller);
    const job: ExportJob = {
      tenantId: caller.tenantId,
      id: this.deps.ids.next(),
      distributor: spec.distributor,
      spec,
      selection: request.selection,
      format: request.format,
      state: 'queued',
      progress: { done: 0, total: 0 },
      createdAt: ctx.now.toISOString(),
      createdBy: caller.userId,
      version: 1,
    };
    await this.deps.jobs.create(
      job,
      newExportEvent(this.deps, ctx, 'ExportRequested', { subject: exportSubject(job), data: { job } }),
    );
    return job;
  }

  async get(caller: Caller, exportId: string): Promise<ExportView> {
    assertAdmin(caller);
    const job = await this.deps.jobs.get(caller.tenantId, exportId);
    if (!job) throw new NotFoundError('data-sentence export', exportId);
    if (!job.file || !job.errorReport) return job;
    const [file, errorReport] = await Promise.all([
      this.deps.objects.presignDownload(job.file.key, job.file.fileName, linkSeconds),
      this.deps.objects.presignDownload(job.errorReport.key, job.errorReport.fileName, linkSeconds),
    ]);
    return { ...job, downloads: { file, errorReport } };
  }

  async list(caller: Caller, page: PageRequest): Promise<Page<ExportJob>> {
    assertAdmin(caller);
    return this.deps.jobs.list(caller.tenantId, page);
  }

  async ofContract(caller: Caller, contractId: string): Promise<ContractExport[]> {
    assertAdmin(caller);
    return this.deps.jobs.ofContract(caller.tenantId, contractId);
  }
}
