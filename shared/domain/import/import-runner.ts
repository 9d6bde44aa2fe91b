import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { newAccountEvent } from '#domain/accounts/account-events';
import type { AccountStore, ContactStore } from '#domain/accounts/stores';
import { ConflictError, type InvalidField, VersionMismatchError } from '#domain/errors';
import { canonicalJson } from '#domain/events';
import { mapLimit } from '#domain/map-limit';
import type { IdempotencyToken } from '#domain/ports';
import type { ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { ObjectStore } from '#domain/storage/object-store';
import { CsvFileError, type CsvItem, readCsv } from './csv-reader';
import { type FileDuplicate, FileDuplicates, identifierLabels, identifiersOf } from './duplicates';
import { type ExistingData, type ExistingDataReader, identifierKey } from './existing-data';
import { type ImportStepEvent, newImportEvent } from './import-events';
import {
  type ImportFailure,
  type ImportJob,
  type ImportMessage,
  type ImportStore,
  importLimits,
  importObjects,
  importSubject,
  isRunning,
  rowEntityId,
} from './import-job';
import {
  type ColumnPlan,
  describeColumnProblems,
  type ImportField,
  type ImportMapping,
  planColumns,
} from './import-mapping';
import {
  addCounts,
  countRow,
  type ImportCounts,
  noCounts,
  type ReportLine,
  type RowOutcome,
  reportCsv,
  reportHeader,
} from './import-report';
import { type DraftChecks, readRow, type ValidRow } from './import-row';

/** How much one invocation takes on. */
export interface RunnerLimits {
  /** Rows read, checked and written together; progress is saved after each batch. */
  readonly batchRows: number;
  /** Rows one invocation handles at most before it hands over to the next. */
  readonly sliceRows: number;
  /** An invocation hands over when less time than this is left. */
  readonly marginMs: number;
  /** Rows written at the same time. */
  readonly writeConcurrency: number;
}

export const defaultRunnerLimits: RunnerLimits = {
  batchRows: 100,
  sliceRows: 15_000,
  marginMs: 90_000,
  writeConcurrency: 8,
};

export interface ImportRunnerDeps extends ServiceDeps {
  readonly imports: ImportStore;
  readonly accounts: AccountStore;
  readonly contacts: ContactStore;
  readonly existing: ExistingDataReader;
  readonly objects: ObjectStore;
  readonly checks: DraftChecks;
  readonly limits?: Partial<RunnerLimits>;
}

/** The time an invocation has left, from the Lambda context. */
export interface Budget {
  remainingMs(): number;
}

/** The step ends early: the job is already saved as it should stay. */
class Stopped extends Error {}

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('base64url');

/** The file's rows after the header, with the plan its header gives. */
async function* dataRows(
  stream: Readable,
  mapping: ImportMapping,
): AsyncGenerator<{ plan: ColumnPlan; item: CsvItem }> {
  let plan: ColumnPlan | undefined;
  for await (const item of readCsv(stream, mapping.options)) {
    if (item.row === 1) {
      if (item.kind !== 'record') throw new CsvFileError(1, 'row 1: the header cannot be read');
      const result = planColumns(item.cells, mapping);
      if (!result.ok) throw new MappingMismatch(result.fields);
      plan = result.plan;
      continue;
    }
    yield { plan: plan as ColumnPlan, item };
  }
}

/** The file's header lacks mapped columns (or has one twice). */
class MappingMismatch extends Error {
  constructor(readonly fields: readonly InvalidField[]) {
    super(describeColumnProblems(fields));
    this.name = 'MappingMismatch';
  }
}

/**
 * The import worker's logic (R-AC-8). A message names an import, its run and
 * the step of the run; any other is stale and ignored, so a redelivered or
 * late message has no effect. A step goes on from the last checkpoint:
 *
 * 1. `validate`: one pass over the whole file, no writes: the header against
 *    the mapping, the encoding and CSV structure (a broken file fails the
 *    run before any row is written), the row count, and the duplicates
 *    within the file, kept in the object store for the steps that follow.
 * 2. `process`: the rows after the checkpoint, in batches: checked by the
 *    domain rules, looked up against existing data, and (in a run) written,
 *    each account and contact with an id and an idempotency key derived from
 *    the import and the row. Progress is saved after each batch; after
 *    `sliceRows` rows or when time runs short the step saves a checkpoint
 *    and queues the next step (`ImportContinued`) in the same transaction.
 *    A later step skips the rows before its checkpoint by count: it parses
 *    them again, but checks and writes nothing for them.
 */
export class ImportRunner {
  private readonly limits: RunnerLimits;

  constructor(private readonly deps: ImportRunnerDeps) {
    this.limits = { ...defaultRunnerLimits, ...deps.limits };
  }

  async handle(event: ImportStepEvent, budget: Budget): Promise<void> {
    const message = event.data;
    let job = await this.deps.imports.get(event.tenantId, message.importId);
    if (!job || !isRunning(job.state) || job.run !== message.run || job.step !== message.step) return;
    const ctx = await this.context(job, event.actor.userId);
    try {
      if (job.state === 'queued') {
        job = await this.progress(job, { state: 'validating' });
      }
      const head = await this.deps.objects.head(importObjects.source(job.tenantId, job.id));
      if (head?.size !== job.sourceBytes) {
        await this.fail(job, ctx, {
          message: 'the file was replaced or removed after the run was requested',
        });
        return;
      }
      if (job.phase === 'validate') {
        const validated = await this.validate(job, ctx, budget);
        if (!validated) return;
        job = validated;
      }
      await this.process(job, ctx, budget);
    } catch (error) {
      // Another delivery of the same message got there first: it carries on.
      if (error instanceof VersionMismatchError || error instanceof Stopped) return;
      throw error;
    }
  }

  private async context(job: ImportJob, userId: string): Promise<ChangeContext> {
    return { tenant: await this.deps.tenants.profile(job.tenantId), userId, now: this.deps.clock.now() };
  }

  private async progress(job: ImportJob, change: Partial<ImportJob>): Promise<ImportJob> {
    const next: ImportJob = { ...job, ...change, version: job.version + 1, updatedAt: this.now() };
    await this.deps.imports.saveProgress(job, next);
    return next;
  }

  private now() {
    return this.deps.clock.now().toISOString();
  }

  /** The run's context at the moment an event is written. */
  private atNow(ctx: ChangeContext): ChangeContext {
    return { ...ctx, now: this.deps.clock.now() };
  }

  private async fail(job: ImportJob, ctx: ChangeContext, failure: ImportFailure): Promise<void> {
    const next: ImportJob = {
      ...job,
      state: 'failed',
      failure,
      finishedAt: this.now(),
      version: job.version + 1,
      updatedAt: this.now(),
      updatedBy: ctx.userId,
    };
    await this.deps.imports.update(
      job,
      next,
      newImportEvent(this.deps, this.atNow(ctx), 'ImportFailed', {
        subject: importSubject(job.id),
        data: { importId: job.id, run: job.run, failure },
      }),
    );
  }

  /** The validation pass; undefined when it failed the run (the job is then saved as failed). */
  private async validate(job: ImportJob, ctx: ChangeContext, budget: Budget): Promise<ImportJob | undefined> {
    const mapping = job.mapping as ImportMapping;
    const duplicates = new FileDuplicates();
    const found: FileDuplicate[] = [];
    let rows = 0;
    const stream = await this.deps.objects.read(importObjects.source(job.tenantId, job.id));
    try {
      for await (const { plan, item } of dataRows(stream, mapping)) {
        rows++;
        if (rows > importLimits.maxRows) {
          await this.fail(job, ctx, {
            message: `the file has more than ${importLimits.maxRows} rows; split it into smaller files`,
          });
          return undefined;
        }
        if (rows % 1000 === 0 && budget.remainingMs() < this.limits.marginMs) {
          await this.fail(job, ctx, {
            message:
              'the file could not be checked in the time one step may take; split it into smaller files',
          });
          return undefined;
        }
        if (item.kind !== 'record') continue;
        const result = readRow(
          item.row,
          item.cells,
          plan,
          mapping.options,
          ctx,
          this.ids(job, item.row),
          this.deps.checks,
        );
        if (result.ok) found.push(...duplicates.check(item.row, identifiersOf(result.value)));
      }
    } catch (error) {
      if (error instanceof CsvFileError) {
        await this.fail(job, ctx, { message: error.message, row: error.row });
        return undefined;
      }
      if (error instanceof MappingMismatch) {
        await this.fail(job, ctx, { message: error.message, fields: error.fields });
        return undefined;
      }
      throw error;
    } finally {
      stream.destroy();
    }
    await this.deps.objects.write(
      importObjects.fileDuplicates(job.tenantId, job.id, job.run),
      JSON.stringify(found.map((d) => [d.row, d.field, d.kind, d.ofRow])),
      'application/json',
    );
    return this.progress(job, {
      phase: 'process',
      rowsTotal: rows,
      state: job.mode === 'run' ? 'importing' : 'validating',
    });
  }

  private ids(job: ImportJob, row: number) {
    return { account: rowEntityId(job, row, 'account'), contact: rowEntityId(job, row, 'contact') };
  }

  private async fileDuplicates(job: ImportJob): Promise<Map<number, FileDuplicate[]>> {
    const stored = await text(
      await this.deps.objects.read(importObjects.fileDuplicates(job.tenantId, job.id, job.run)),
    );
    const byRow = new Map<number, FileDuplicate[]>();
    for (const [row, field, kind, ofRow] of JSON.parse(stored) as [number, never, never, number][]) {
      byRow.set(row, [...(byRow.get(row) ?? []), { row, field, kind, ofRow }]);
    }
    return byRow;
  }

  private async process(start: ImportJob, ctx: ChangeContext, budget: Budget): Promise<void> {
    let job = start;
    const mapping = job.mapping as ImportMapping;
    const duplicates = await this.fileDuplicates(job);
    const lines: ReportLine[] = [];
    let slice: ImportCounts = noCounts;
    let handled = 0;
    let batch: CsvItem[] = [];
    let plan: ColumnPlan | undefined;
    let exhausted = true;

    const flush = async () => {
      if (!plan || batch.length === 0) return;
      const result = await this.batch(job, plan, batch, duplicates, ctx);
      lines.push(...result.lines);
      slice = addCounts(slice, result.counts);
      handled += batch.length;
      batch = [];
      job = await this.progress(job, { counts: addCounts(job.committed, slice) });
    };

    const stream = await this.deps.objects.read(importObjects.source(job.tenantId, job.id));
    try {
      for await (const { plan: filePlan, item } of dataRows(stream, mapping)) {
        plan = filePlan;
        // Rows before the checkpoint were handled by an earlier step: skipped by count.
        if (item.row - 1 <= job.offset) continue;
        batch.push(item);
        if (batch.length < this.limits.batchRows) continue;
        await flush();
        if (handled >= this.limits.sliceRows || budget.remainingMs() < this.limits.marginMs) {
          exhausted = false;
          break;
        }
      }
      await flush();
    } catch (error) {
      // The validation pass read this file: it can only fail here if the file changed meanwhile.
      if (error instanceof CsvFileError || error instanceof MappingMismatch) {
        await this.fail(job, ctx, { message: `the file changed during the run: ${error.message}` });
        throw new Stopped();
      }
      throw error;
    } finally {
      stream.destroy();
    }

    await this.deps.objects.write(
      importObjects.reportPart(job.tenantId, job.id, job.run, job.step),
      reportCsv(lines),
      'text/csv',
    );
    const offset = job.offset + handled;
    const counts = addCounts(job.committed, slice);
    if (!exhausted) {
      const next: ImportJob = {
        ...job,
        step: job.step + 1,
        offset,
        counts,
        committed: counts,
        version: job.version + 1,
        updatedAt: this.now(),
      };
      const message: ImportMessage = {
        importId: job.id,
        run: job.run,
        step: next.step,
        mode: job.mode ?? 'run',
      };
      await this.deps.imports.update(
        job,
        next,
        newImportEvent(this.deps, this.atNow(ctx), 'ImportContinued', {
          subject: importSubject(job.id),
          data: message,
        }),
      );
      return;
    }
    const reportKey = importObjects.report(job.tenantId, job.id);
    await this.deps.objects.write(reportKey, await this.report(job), 'text/csv');
    const done: ImportJob = {
      ...job,
      state: 'done',
      offset,
      counts,
      committed: counts,
      reportKey,
      finishedAt: this.now(),
      version: job.version + 1,
      updatedAt: this.now(),
    };
    await this.deps.imports.update(
      job,
      done,
      newImportEvent(this.deps, this.atNow(ctx), 'ImportCompleted', {
        subject: importSubject(job.id),
        data: { importId: job.id, run: job.run, mode: job.mode, rowsTotal: job.rowsTotal, ...counts },
      }),
    );
  }

  /** The report of the run: its parts, one per step, in order under one header (bytes, off the JS heap). */
  private async report(job: ImportJob): Promise<Buffer> {
    const parts = [Buffer.from(reportHeader)];
    for (let step = 0; step <= job.step; step++) {
      const key = importObjects.reportPart(job.tenantId, job.id, job.run, step);
      parts.push(await buffer(await this.deps.objects.read(key)));
    }
    return Buffer.concat(parts);
  }

  private async batch(
    job: ImportJob,
    plan: ColumnPlan,
    items: readonly CsvItem[],
    duplicates: ReadonlyMap<number, readonly FileDuplicate[]>,
    jobCtx: ChangeContext,
  ): Promise<{ lines: ReportLine[]; counts: ImportCounts }> {
    const ctx = { ...jobCtx, now: this.deps.clock.now() };
    const mapping = job.mapping as ImportMapping;
    const lines: ReportLine[] = [];
    const candidates: ValidRow[] = [];
    const header = (field: ImportField) => {
      const column = plan.columns.get(field)?.[0];
      return column === undefined ? field : plan.headers[column];
    };

    for (const item of items) {
      if (item.kind === 'problem') {
        lines.push({ row: item.row, outcome: 'error', message: item.message });
        continue;
      }
      const result = readRow(
        item.row,
        item.cells,
        plan,
        mapping.options,
        ctx,
        this.ids(job, item.row),
        this.deps.checks,
      );
      if (!result.ok) {
        lines.push(...result.lines);
        continue;
      }
      const inFile = duplicates.get(item.row);
      if (inFile) {
        for (const d of inFile) {
          lines.push({
            row: d.row,
            outcome: 'duplicate',
            field: header(d.field),
            message: `same ${identifierLabels[d.kind]} as row ${d.ofRow}`,
          });
        }
        continue;
      }
      candidates.push(result.value);
    }

    const existing = await this.deps.existing.find(job.tenantId, {
      accountIds: candidates.map((c) => c.account.id),
      contactIds: candidates.flatMap((c) => (c.contact ? [c.contact.id] : [])),
      identifiers: candidates.flatMap((c) => identifiersOf(c).map(({ kind, value }) => ({ kind, value }))),
    });
    const written = await mapLimit(candidates, this.limits.writeConcurrency, (row) =>
      this.importRow(job, row, existing, ctx, header),
    );
    for (const rowLines of written) lines.push(...rowLines);

    lines.sort((a, b) => a.row - b.row);
    let counts = noCounts;
    const outcomes = new Map<number, RowOutcome[]>();
    for (const line of lines) outcomes.set(line.row, [...(outcomes.get(line.row) ?? []), line.outcome]);
    for (const item of items) counts = countRow(counts, outcomes.get(item.row) ?? []);
    return { lines, counts };
  }

  private async importRow(
    job: ImportJob,
    row: ValidRow,
    existing: ExistingData,
    ctx: ChangeContext,
    header: (field: ImportField) => string | undefined,
  ): Promise<ReportLine[]> {
    const dryRun = job.mode === 'dry-run';
    const { account, contact } = row;
    const own = existing.accounts.get(account.id);
    if (own) {
      // Imported before: by this run (a redelivered step) or by an earlier one.
      const byThisRun = own.createdAt >= (job.requestedAt ?? '');
      const outcome: RowOutcome = byThisRun ? 'created' : 'skipped';
      const message = byThisRun ? 'account created' : 'already imported by an earlier run of this import';
      const lines: ReportLine[] = [{ row: row.row, outcome, message, id: account.id }];
      if (contact && !existing.contacts.has(contact.id)) {
        lines.push(
          ...(dryRun ? [this.wouldCreate(row.row)] : await this.createContact(job, row, ctx, header)),
        );
      } else if (contact) {
        lines.push({
          row: row.row,
          outcome,
          message: byThisRun ? 'contact created' : 'already imported by an earlier run of this import',
          id: contact.id,
        });
      }
      return lines;
    }

    const taken = identifiersOf(row).flatMap((id) => {
      const owner = existing.taken.get(identifierKey(id.kind, id.value));
      return owner ? [{ id, owner }] : [];
    });
    if (taken.length > 0) {
      return taken.map(({ id, owner }) => ({
        row: row.row,
        outcome: 'duplicate' as const,
        field: header(id.field),
        message: `an existing ${owner.type} has this ${identifierLabels[id.kind]}`,
        id: owner.id,
      }));
    }
    if (dryRun) return [this.wouldCreate(row.row)];

    const accountEvent = newAccountEvent(this.deps, ctx, 'AccountCreated', {
      subject: { type: 'account', id: account.id },
      data: { account, import: { id: job.id, row: row.row } },
    });
    try {
      await this.deps.accounts.create(
        account,
        accountEvent,
        this.token(job, row.row, 'account', row.accountDraft),
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return [this.conflictLine(row.row, error, 'account', account.id, header)];
    }
    const lines: ReportLine[] = [
      { row: row.row, outcome: 'created', message: 'account created', id: account.id },
    ];
    if (contact) lines.push(...(await this.createContact(job, row, ctx, header)));
    return lines;
  }

  private wouldCreate(row: number): ReportLine {
    return { row, outcome: 'created', message: 'would be created (dry run: nothing was written)' };
  }

  private async createContact(
    job: ImportJob,
    row: ValidRow,
    ctx: ChangeContext,
    header: (field: ImportField) => string | undefined,
  ): Promise<ReportLine[]> {
    const contact = row.contact;
    if (!contact) return [];
    const event = newAccountEvent(this.deps, ctx, 'ContactCreated', {
      subject: { type: 'contact', id: contact.id, accountId: contact.accountId },
      data: { contact, import: { id: job.id, row: row.row } },
    });
    try {
      await this.deps.contacts.create(contact, event, this.token(job, row.row, 'contact', row.contactDraft));
      return [{ row: row.row, outcome: 'created', message: 'contact created', id: contact.id }];
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return [this.conflictLine(row.row, error, 'contact', contact.id, header)];
    }
  }

  /**
   * A create refused by a guard: the value was taken since the lookup (a
   * duplicate), or the entity itself exists, imported before this step
   * (its idempotency record expired).
   */
  private conflictLine(
    row: number,
    error: ConflictError,
    entity: 'account' | 'contact',
    id: string,
    header: (field: ImportField) => string | undefined,
  ): ReportLine {
    const field = error.fields[0];
    if (!field) return { row, outcome: 'skipped', message: `${entity} already imported`, id };
    return {
      row,
      outcome: 'duplicate',
      field: header(field.name === 'orgNumber' ? 'account.orgNumber' : 'contact.externalCustomerId'),
      message: field.reason,
    };
  }

  private token(
    job: ImportJob,
    row: number,
    entity: 'account' | 'contact',
    draft: unknown,
  ): IdempotencyToken {
    return { operationId: 'import', key: `${job.id}:${row}:${entity}`, requestHash: sha256(draft) };
  }
}
