import { createHash } from 'node:crypto';
import { ConflictError, type InvalidField, ValidationError } from '#domain/errors';
import { type DomainEvent, diffFields, type EventSubject, type FieldChange } from '#domain/events';
import type { Created, IdempotencyToken } from '#domain/ports';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';
import { checkMapping, type ImportKind, type ImportMapping } from './import-mapping';
import { type ImportCounts, noCounts } from './import-report';

export const importStates = [
  'awaiting-upload',
  'queued',
  'validating',
  'importing',
  'done',
  'failed',
] as const;
export type ImportState = (typeof importStates)[number];

/** A dry run reports what a run would do and writes nothing but its report. */
export const importModes = ['dry-run', 'run'] as const;
export type ImportMode = (typeof importModes)[number];

/** `validate`: one pass over the whole file; `process`: the rows, a slice per invocation. */
export type ImportPhase = 'validate' | 'process';

export const importLimits = {
  maxBytes: 200 * 1024 * 1024,
  /** Bounds the memory of the duplicate check over the whole file. */
  maxRows: 200_000,
  uploadUrlSeconds: 15 * 60,
  reportUrlSeconds: 15 * 60,
} as const;

export interface ImportFailure {
  readonly message: string;
  /** The row the file could not be read past, when that is the reason. */
  readonly row?: number;
  readonly fields?: readonly InvalidField[];
}

/**
 * An import of accounts and contacts from a CSV file (R-AC-8): uploaded,
 * mapped, then dry-run or run as a queued job, any number of times.
 */
export interface ImportJob extends Stamps {
  readonly kind: ImportKind;
  readonly fileName: string;
  /** Declared when the upload was requested; the upload URL allows exactly this many bytes. */
  readonly size: number;
  readonly state: ImportState;
  readonly mapping?: ImportMapping;
  readonly mode?: ImportMode;
  /** Counts the dry runs and runs requested; a message of an earlier one is stale. */
  readonly run: number;
  /** The invocation of the current run that may work on it; a message for another step is stale. */
  readonly step: number;
  readonly phase: ImportPhase;
  /** Data rows handled up to the last checkpoint; an invocation goes on after them. */
  readonly offset: number;
  /** The file's size when the run was requested: a file replaced meanwhile fails the run. */
  readonly sourceBytes?: number;
  readonly rowsTotal?: number;
  /** Live progress; `committed` is the same at the last checkpoint, where a redelivery starts again. */
  readonly counts: ImportCounts;
  readonly committed: ImportCounts;
  readonly requestedAt?: string;
  readonly finishedAt?: string;
  readonly failure?: ImportFailure;
  /** Set when a run or dry run is done. */
  readonly reportKey?: string;
}

/** What a client sees of an import (`GET /v1/imports/{id}`). */
export interface ImportView extends ImportCounts {
  readonly id: string;
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly size: number;
  readonly state: ImportState;
  readonly mode?: ImportMode;
  readonly mapping?: ImportMapping;
  readonly rowsTotal?: number;
  readonly requestedAt?: string;
  readonly finishedAt?: string;
  readonly failure?: ImportFailure;
  readonly reportUrl?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly version: number;
}

export function importView(job: ImportJob, reportUrl?: string): ImportView {
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.fileName,
    size: job.size,
    state: job.state,
    ...(job.mode ? { mode: job.mode } : {}),
    ...(job.mapping ? { mapping: job.mapping } : {}),
    ...(job.rowsTotal !== undefined ? { rowsTotal: job.rowsTotal } : {}),
    ...job.counts,
    ...(job.requestedAt ? { requestedAt: job.requestedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.failure ? { failure: job.failure } : {}),
    ...(reportUrl ? { reportUrl } : {}),
    createdAt: job.createdAt,
    createdBy: job.createdBy,
    updatedAt: job.updatedAt,
    version: job.version,
  };
}

/** Object keys of an import's files; all start with the tenant. */
export const importObjects = {
  source: (tenantId: string, importId: string) => `${tenantId}/imports/${importId}/source.csv`,
  report: (tenantId: string, importId: string) => `${tenantId}/imports/${importId}/report.csv`,
  /** Report lines of one invocation of a run, joined into the report at the end. */
  reportPart: (tenantId: string, importId: string, run: number, step: number) =>
    `${tenantId}/imports/${importId}/runs/${run}/part-${String(step).padStart(6, '0')}.csv`,
  /** The duplicates within the file, found by the validation pass of a run. */
  fileDuplicates: (tenantId: string, importId: string, run: number) =>
    `${tenantId}/imports/${importId}/runs/${run}/duplicates.json`,
} as const;

export const isRunning = (state: ImportState) =>
  state === 'queued' || state === 'validating' || state === 'importing';

export interface NewImport {
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly size: number;
}

export function newImport(id: string, input: NewImport, ctx: ChangeContext): ImportJob {
  const fileName = input.fileName.trim();
  const invalid: InvalidField[] = [];
  if (fileName.length === 0) invalid.push({ name: 'fileName', reason: 'must not be blank' });
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > importLimits.maxBytes) {
    invalid.push({ name: 'size', reason: `must be 1 to ${importLimits.maxBytes} bytes (200 MB)` });
  }
  if (invalid.length > 0) throw new ValidationError(invalid);
  return {
    ...createdStamps(id, ctx),
    kind: input.kind,
    fileName,
    size: input.size,
    state: 'awaiting-upload',
    run: 0,
    step: 0,
    phase: 'validate',
    offset: 0,
    counts: noCounts,
    committed: noCounts,
  };
}

function assertIdle(job: ImportJob) {
  if (isRunning(job.state)) {
    throw new ConflictError('job-running', `import ${job.id} is ${job.state}; wait until it is done`, [
      { name: 'state', reason: `is ${job.state}` },
    ]);
  }
}

/** Sets the column mapping; refused while a run is under way. The same mapping again changes nothing. */
export function withMapping(
  job: ImportJob,
  mapping: ImportMapping,
  ctx: ChangeContext,
): { job: ImportJob; changes: FieldChange[] } {
  assertIdle(job);
  const invalid = checkMapping(mapping);
  if (invalid.length > 0) throw new ValidationError(invalid);
  const changes = diffFields<Pick<ImportJob, 'mapping'>>(job, { mapping }, ['mapping']);
  return { job: touched({ ...job, mapping }, ctx), changes };
}

/**
 * A new dry run or run, from the start of the file: the job is queued and
 * every earlier message about it becomes stale.
 */
export function requested(
  job: ImportJob,
  mode: ImportMode,
  sourceBytes: number,
  ctx: ChangeContext,
): ImportJob {
  assertIdle(job);
  if (!job.mapping) {
    throw new ConflictError('missing-prerequisite', `import ${job.id} has no column mapping; set one first`, [
      { name: 'mapping', reason: 'is not set' },
    ]);
  }
  const {
    failure: _failure,
    finishedAt: _finishedAt,
    rowsTotal: _rowsTotal,
    reportKey: _reportKey,
    ...rest
  } = job;
  return touched(
    {
      ...rest,
      state: 'queued',
      mode,
      run: job.run + 1,
      step: 0,
      phase: 'validate',
      offset: 0,
      sourceBytes,
      counts: noCounts,
      committed: noCounts,
      requestedAt: ctx.now.toISOString(),
    },
    ctx,
  );
}

/** What the worker receives: which import, which run and which step of it. */
export interface ImportMessage {
  readonly importId: string;
  readonly run: number;
  readonly step: number;
  readonly mode: ImportMode;
}

/** The subject of an import's events: the import, whose partition holds their history. */
export function importSubject(importId: string): EventSubject<'import'> {
  return { type: 'import', id: importId };
}

/** Persistence of imports. Changes of state store their event with them; progress alone has none. */
export interface ImportStore {
  /** Consistent read: the worker decides on it. */
  get(tenantId: string, importId: string): Promise<ImportJob | undefined>;
  create(job: ImportJob, event: DomainEvent, idempotency?: IdempotencyToken): Promise<Created<ImportJob>>;
  /** Fails with VersionMismatchError when the stored version is not `previous.version`. */
  update(previous: ImportJob, next: ImportJob, event: DomainEvent): Promise<void>;
  /** The live counters after a batch, conditional on the version; no event. */
  saveProgress(previous: ImportJob, next: ImportJob): Promise<void>;
}

/**
 * The id of the account or contact a row makes: a ULID whose time part is
 * the import's creation and whose random part is a hash of the import, the
 * row and the entity. Every run of the import, and every retry of a batch,
 * gives a row the same ids, so an entity can only ever be created once.
 */
export function rowEntityId(
  job: Pick<ImportJob, 'id' | 'createdAt'>,
  row: number,
  entity: 'account' | 'contact',
) {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = Date.parse(job.createdAt);
  let timePart = '';
  for (let i = 0; i < 10; i++) {
    timePart = alphabet[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const hash = createHash('sha256').update(`${job.id}#${row}#${entity}`).digest();
  let random = '';
  // 80 bits: 16 characters of 5 bits.
  let bits = 0;
  let value = 0;
  for (let i = 0; random.length < 16; i++) {
    value = (value << 8) | (hash[i] as number);
    bits += 8;
    while (bits >= 5 && random.length < 16) {
      bits -= 5;
      random += alphabet[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return timePart + random;
}
