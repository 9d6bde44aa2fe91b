import type { Contract } from '#domain/contracts/contract';
import { csvField } from '#domain/csv-field';
import type { SupplyPoint } from '#domain/energy/supply-point';
import { VersionMismatchError } from '#domain/errors';
import { mapLimit } from '#domain/map-limit';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ObjectStore } from '#domain/storage/object-store';
import { exportSubject, newExportEvent } from './export-events';
import type { ExportJob, StoredFile } from './export-job';
import { rowOf } from './export-row';
import type { ExportJobStore } from './export-stores';
import type { RowSource } from './export-vocabulary';
import type { SheetFiles } from './sheet-files';

/** What an export reads of the rest of the system. */
export interface ExportSources {
  contract(tenantId: string, contractId: string): Promise<Contract | undefined>;
  /** Signed and active contracts whose supply starts (or was asked to start) in `month`. */
  startingIn(tenantId: string, month: string): Promise<Contract[]>;
  supplyPoint(tenantId: string, supplyPointId: string): Promise<SupplyPoint | undefined>;
}

export interface ExportRunnerDeps extends ServiceDeps {
  readonly jobs: ExportJobStore;
  readonly sources: ExportSources;
  readonly files: SheetFiles;
  readonly objects: Pick<ObjectStore, 'write'>;
}

/** The worker writes its progress after this many rows. */
const progressEvery = 1_000;
const exportable = new Set(['signed', 'active']);

/** `{distributor}`, `{date}` and `{exportId}` filled in. */
export const fileNameOf = (job: ExportJob, day: string): string =>
  job.spec.fileNamePattern
    .replaceAll('{distributor}', job.distributor)
    .replaceAll('{date}', day)
    .replaceAll('{exportId}', job.id);

/**
 * Builds an export (R-DS-1): the selected contracts' supply points in the
 * operator's territories, one row each, through the spec's columns. Valid
 * rows are streamed into the file; invalid ones go to the error report with
 * the contract, column and reason, never into the file. A contract all of
 * whose rows went in is marked as sent to the operator. The file's key is
 * the job's, so a redelivered message writes the same file again, and a
 * completed job is left alone.
 */
export class ExportRunner {
  constructor(private readonly deps: ExportRunnerDeps) {}

  /**
   * Builds the export, or leaves it when it is complete. A failure marks it
   * `failed` with the reason and goes back to the queue, whose next delivery
   * tries again from the start; after the last, the message is in the DLQ
   * and the export says why.
   */
  async run(tenantId: string, exportId: string): Promise<ExportJob | undefined> {
    const queued = await this.deps.jobs.get(tenantId, exportId);
    if (!queued || queued.state === 'completed') return undefined;
    try {
      return await this.build(queued);
    } catch (error) {
      if (error instanceof VersionMismatchError) return undefined;
      await this.fail(tenantId, exportId, error);
      throw error;
    }
  }

  private async fail(tenantId: string, exportId: string, error: unknown): Promise<void> {
    const current = await this.deps.jobs.get(tenantId, exportId);
    if (!current || current.state === 'completed') return;
    const failure = error instanceof Error ? error.message : String(error);
    await this.deps.jobs
      .update(current, { ...current, state: 'failed', failure, version: current.version + 1 })
      // The job's state is a report; the queue's redelivery is what retries.
      .catch(() => undefined);
  }

  private async build(queued: ExportJob): Promise<ExportJob | undefined> {
    const { tenantId, id: exportId } = queued;
    const ctx = await changeContext(this.deps, { tenantId, userId: 'data-sentence-exports' });
    const { contracts, refused } = await this.selected(queued);
    const marks =
      queued.selection.kind === 'month' && queued.selection.onlyNotExported
        ? await this.deps.jobs.exportsOf(
            tenantId,
            contracts.map((c) => c.id),
            queued.distributor,
          )
        : new Map<string, string>();
    // A contract this very export marked (a delivery that failed after marking) is still this export's.
    const carried = contracts.filter((c) => (marks.get(c.id) ?? exportId) === exportId);
    const territories = new Set(queued.spec.territoryCodes);
    const rows = carried.flatMap((contract) =>
      contract.lines
        .filter((line) => territories.has(line.territoryCode))
        .map((line) => ({ contract, line })),
    );
    const { failure: _earlier, ...tried } = queued;
    const running: ExportJob = {
      ...tried,
      state: 'running',
      progress: { done: 0, total: rows.length },
      version: queued.version + 1,
    };
    await this.deps.jobs.update(queued, running);

    const day = ctx.now.toISOString().slice(0, 10);
    const name = fileNameOf(queued, day);
    const file: StoredFile = {
      key: `${tenantId}/data-sentences/${exportId}/${name}.${queued.format}`,
      fileName: `${name}.${queued.format}`,
    };
    const writer = this.deps.files.open(file.key, {
      format: queued.format,
      sheetName: queued.spec.sheetName,
      headers: queued.spec.columns.map((c) => c.header),
      csvSeparator: queued.spec.csvSeparator,
    });
    // Contracts asked for by id that cannot be sent: named in the error report too.
    const withRows = new Set(rows.map((r) => r.contract.id));
    const problems: string[][] = refused.map((id) => [
      id,
      '',
      'contract',
      'no signed or active contract with this id',
    ]);
    const failedContracts = new Set<string>();
    let written = 0;
    const points = await mapLimit(rows, 8, (r) =>
      this.deps.sources.supplyPoint(tenantId, r.line.supplyPointId),
    );
    for (const [i, { contract, line }] of rows.entries()) {
      const supplyPoint = points[i];
      const source: RowSource = {
        contract,
        line,
        tenant: ctx.tenant,
        ...(supplyPoint ? { supplyPoint } : {}),
      };
      const row = rowOf(queued.spec.columns, source);
      if (row.ok) {
        await writer.addRow(row.cells);
        written += 1;
      } else {
        failedContracts.add(contract.id);
        for (const p of row.problems) problems.push([contract.number, line.identifier, p.column, p.reason]);
      }
      if ((i + 1) % progressEvery === 0) await this.deps.jobs.progress(tenantId, exportId, i + 1);
    }
    await writer.finish();

    const errorReport: StoredFile = {
      key: `${tenantId}/data-sentences/${exportId}/${name}-errors.csv`,
      fileName: `${name}-errors.csv`,
    };
    const report = [['contractNumber', 'supplyPoint', 'column', 'reason'], ...problems]
      .map((cells) => cells.map((c) => csvField(c)).join(','))
      .join('\r\n');
    await this.deps.objects.write(errorReport.key, `\uFEFF${report}\r\n`, 'text/csv; charset=utf-8');

    const now = ctx.now.toISOString();
    await this.deps.jobs.markExported(
      tenantId,
      carried
        .filter((c) => withRows.has(c.id) && !failedContracts.has(c.id))
        .map((c) => ({ contractId: c.id, distributor: queued.distributor, exportId, exportedAt: now })),
    );
    // Conditional on this run's own write: a delivery that took the job over meanwhile wins.
    const completed: ExportJob = {
      ...running,
      state: 'completed',
      progress: { done: rows.length, total: rows.length },
      counts: {
        rows: written,
        invalid: rows.length - written,
        alreadyExported: contracts.length - carried.length,
        contracts: carried.length,
      },
      file,
      errorReport,
      completedAt: now,
      version: running.version + 1,
    };
    await this.deps.jobs.update(
      running,
      completed,
      newExportEvent(this.deps, ctx, 'ExportCompleted', {
        subject: exportSubject(completed),
        data: { job: completed },
      }),
    );
    return completed;
  }

  private async selected(job: ExportJob): Promise<{ contracts: Contract[]; refused: string[] }> {
    if (job.selection.kind === 'month') {
      return {
        contracts: await this.deps.sources.startingIn(job.tenantId, job.selection.month),
        refused: [],
      };
    }
    const ids = [...new Set(job.selection.contractIds)];
    const found = await mapLimit(ids, 8, (id) => this.deps.sources.contract(job.tenantId, id));
    const contracts = found.filter((c): c is Contract => c !== undefined && exportable.has(c.state));
    return { contracts, refused: ids.filter((id) => !contracts.some((c) => c.id === id)) };
  }
}
