import type { Stamps } from '#domain/stamps';

export const jobStates = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

/**
 * Where a move-customers job is: counting the accounts, moving them,
 * checking that none is left (an account renamed during the move may have
 * been passed over in the name-sorted listing), or finishing.
 */
export type MoveCustomersPhase = 'count' | 'move' | 'verify' | 'finish';

/** Passes through the accounts before a job gives up on accounts that keep slipping past. */
export const maxMovePasses = 3;

export interface AccountFailure {
  readonly accountId: string;
  readonly reason: string;
}

/** Failures listed on the job; the count goes on beyond it. */
export const maxListedFailures = 20;

/**
 * "Move customers" (R-ST-2): every account of one industry gets another
 * industry, in batches, each account a versioned, evented change of its own.
 */
export interface MoveCustomersJob extends Stamps {
  readonly kind: 'move-customers';
  readonly state: JobState;
  readonly fromIndustryId: string;
  readonly toIndustryId: string;
  /** Set when the job runs for a delete with `replaceWith`: the source industry goes when it is empty. */
  readonly deleteSourceWhenDone: boolean;
  /** Accounts to move: counted first, corrected for accounts that left or joined meanwhile. */
  readonly total: number;
  /** Accounts moved. */
  readonly done: number;
  /** Accounts the move could not change (their own data was refused); the first few are in `failures`. */
  readonly skipped: number;
  readonly failures: readonly AccountFailure[];
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** Why a failed job failed. */
  readonly error?: string;

  /** The number of the invocation that may work on the job; a message for another step is stale. */
  readonly step: number;
  readonly phase: MoveCustomersPhase;
  /** Move passes started; the verify phase may start another one. */
  readonly pass: number;
  /** Accounts found still in the source industry by the verify phase so far. */
  readonly remaining: number;
  /** Where the current phase goes on through the industry's accounts; absent at its start. */
  readonly cursor?: string;
  /** The accounts of the batch in progress: a redelivery finishes exactly these. */
  readonly batch?: readonly string[];
  /** Where the listing goes on after the batch in progress; absent: the batch is the last. */
  readonly batchCursor?: string;
}

/** What a client sees of a job (`GET /v1/jobs/{jobId}`); the progress internals stay inside. */
export interface JobView {
  readonly id: string;
  readonly kind: 'move-customers';
  readonly state: JobState;
  readonly total: number;
  readonly done: number;
  readonly skipped: number;
  readonly failures: readonly AccountFailure[];
  readonly fromIndustryId: string;
  readonly toIndustryId: string;
  readonly deleteSourceWhenDone: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly error?: string;
  readonly version: number;
}

export function jobView(job: MoveCustomersJob): JobView {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    total: job.total,
    done: job.done,
    skipped: job.skipped,
    failures: job.failures,
    fromIndustryId: job.fromIndustryId,
    toIndustryId: job.toIndustryId,
    deleteSourceWhenDone: job.deleteSourceWhenDone,
    createdAt: job.createdAt,
    createdBy: job.createdBy,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.error ? { error: job.error } : {}),
    version: job.version,
  };
}

/** What became of the accounts of one batch. */
export interface BatchOutcome {
  /** Moved now. */
  readonly moved: number;
  /** Found already in the target industry: moved by an earlier attempt of this batch. */
  readonly alreadyMoved: number;
  /** Deleted, or put in a third industry by someone else meanwhile: nothing to move. */
  readonly gone: number;
  readonly refused: readonly AccountFailure[];
}

/**
 * The job after a batch: the accounts moved (now or by an earlier attempt)
 * count as done; those that left the industry no longer count at all. The
 * total never falls below what was handled (accounts may join meanwhile).
 */
export function afterBatch(job: MoveCustomersJob, outcome: BatchOutcome): MoveCustomersJob {
  const done = job.done + outcome.moved + outcome.alreadyMoved;
  const skipped = job.skipped + outcome.refused.length;
  const { batch: _batch, batchCursor: _batchCursor, cursor: _cursor, ...rest } = job;
  return {
    ...rest,
    done,
    skipped,
    total: Math.max(job.total - outcome.gone, done + skipped),
    failures: [...job.failures, ...outcome.refused].slice(0, maxListedFailures),
    ...(job.batchCursor ? { cursor: job.batchCursor } : {}),
    phase: job.batchCursor ? 'move' : 'verify',
    remaining: 0,
  };
}

/** The job at its end: the total is what was handled, so a done job shows done = total. */
export function finished(job: MoveCustomersJob, at: Date, error?: string): MoveCustomersJob {
  const { batch: _batch, batchCursor: _batchCursor, cursor: _cursor, error: _error, ...rest } = job;
  return {
    ...rest,
    state: error ? 'failed' : 'done',
    total: job.done + job.skipped,
    phase: 'finish',
    finishedAt: at.toISOString(),
    ...(error ? { error } : {}),
  };
}
