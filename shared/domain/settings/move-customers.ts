import type { AccountService } from '#domain/accounts/account-service';
import { ConflictError, NotFoundError, ValidationError, VersionMismatchError } from '#domain/errors';
import type { DomainEventOf } from '#domain/event-catalogue';
import type { DomainEvent } from '#domain/events';
import { mapLimitSettled } from '#domain/map-limit';
import type { Actor } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { touched } from '#domain/stamps';
import {
  type AccountFailure,
  afterBatch,
  type BatchOutcome,
  finished,
  jobView,
  type MoveCustomersJob,
  maxMovePasses,
} from './job';
import type { SettingRemoval } from './setting-removal';
import { newSettingsEvent } from './settings-events';
import type { IndustryAccounts, JobStore } from './stores';
import { settingsSubject } from './subjects';

/**
 * How much one invocation does. A Lambda's time is limited: after
 * `accountsPerInvocation` accounts (or `maxMillis`) the job hands over to the
 * next invocation through a `MoveCustomersContinued` event, so a move of
 * 100 000 accounts is a chain of short invocations, never one long one.
 */
export interface MoveCustomersLimits {
  readonly accountsPerInvocation: number;
  /** Accounts per batch; the job's progress is saved after each. */
  readonly batchSize: number;
  /** Accounts looked at while filling one batch (bounds the time of a sparse industry). */
  readonly evaluatedPerBatch: number;
  /** Pages (up to 1 MB each) counted before the progress is saved. */
  readonly countPagesPerStep: number;
  readonly countPagesPerInvocation: number;
  /** Accounts moved in parallel. */
  readonly concurrency: number;
  /** Time after which an invocation stops starting new batches. */
  readonly maxMillis: number;
}

export const defaultMoveCustomersLimits: MoveCustomersLimits = {
  accountsPerInvocation: 1000,
  batchSize: 100,
  evaluatedPerBatch: 2000,
  countPagesPerStep: 5,
  countPagesPerInvocation: 40,
  concurrency: 10,
  maxMillis: 60_000,
};

/** The events that drive a job; the `settings-jobs` queue receives these. */
export const moveCustomersEventTypes = ['MoveCustomersRequested', 'MoveCustomersContinued'] as const;
export type MoveCustomersStep = DomainEventOf<(typeof moveCustomersEventTypes)[number]>;

/** Tries of one account whose version keeps changing under the move. */
const versionRetries = 5;

type AccountMoveResult = 'moved' | 'alreadyMoved' | 'gone' | AccountFailure;

/**
 * Runs "move customers" jobs (R-ST-2): each event of a job runs one
 * invocation of `handle`, which goes on exactly where the job is (a
 * redelivered or stale message changes nothing twice) and ends by writing the
 * next event. `MoveCustomersRequests` starts the jobs.
 */
export class MoveCustomersRunner {
  private readonly limits: MoveCustomersLimits;

  constructor(
    private readonly deps: ServiceDeps & {
      /** Deletes the source industry when the job was asked to. */
      readonly removal: Pick<SettingRemoval, 'removeAfterMove'>;
      readonly jobs: JobStore;
      readonly industryAccounts: IndustryAccounts;
      /** Each account is changed through the accounts module, as a versioned, evented update. */
      readonly accounts: Pick<AccountService, 'get' | 'update'>;
      readonly limits?: Partial<MoveCustomersLimits>;
    },
  ) {
    this.limits = { ...defaultMoveCustomersLimits, ...deps.limits };
  }

  /**
   * One invocation of a job, driven by its `MoveCustomersRequested` or
   * `MoveCustomersContinued` event. Returns the event it wrote (the next
   * continuation, or `MoveCustomersFinished`), or undefined when the
   * message was stale.
   */
  async handle(event: MoveCustomersStep): Promise<DomainEvent | undefined> {
    const { jobId, step } = event.data;
    let job = await this.deps.jobs.get(event.tenantId, jobId);
    // Another step's message, or a finished job: a duplicate or a redelivery after the fact.
    if (!job || job.step !== step || job.state === 'done' || job.state === 'failed') return undefined;
    const actor: Actor = { tenantId: event.tenantId, userId: job.createdBy };
    const started = this.deps.clock.now().getTime();
    const outOfTime = () => this.deps.clock.now().getTime() - started >= this.limits.maxMillis;
    let handled = 0;
    let countedPages = 0;

    if (job.state === 'queued') {
      job = await this.save(actor, job, {
        ...job,
        state: 'running',
        startedAt: this.deps.clock.now().toISOString(),
      });
    }
    for (;;) {
      if (job.phase === 'finish') return this.finish(actor, job);
      if (job.phase === 'count' || job.phase === 'verify') {
        if (job.phase === 'verify' && job.skipped > 0) {
          // Refused accounts stay in the industry: another pass would only refuse them again.
          job = await this.save(actor, job, { ...job, phase: 'finish' });
          continue;
        }
        if (countedPages >= this.limits.countPagesPerInvocation || outOfTime()) break;
        job = await this.countStep(actor, job);
        countedPages += this.limits.countPagesPerStep;
        continue;
      }
      if (!job.batch) {
        if (handled >= this.limits.accountsPerInvocation || outOfTime()) break;
        const page = await this.deps.industryAccounts.next(actor.tenantId, job.fromIndustryId, job.cursor, {
          maxMatches: Math.min(this.limits.batchSize, this.limits.accountsPerInvocation - handled),
          maxEvaluated: this.limits.evaluatedPerBatch,
        });
        const { cursor: _cursor, ...rest } = job;
        if (page.accountIds.length === 0) {
          job = await this.save(
            actor,
            job,
            page.cursor ? { ...rest, cursor: page.cursor } : { ...rest, phase: 'verify', remaining: 0 },
          );
          continue;
        }
        job = await this.save(actor, job, {
          ...job,
          batch: page.accountIds,
          ...(page.cursor ? { batchCursor: page.cursor } : {}),
        });
      }
      const batch = job.batch ?? [];
      const outcome = await this.moveBatch(actor, job, batch);
      handled += batch.length;
      job = await this.save(actor, job, afterBatch(job, outcome));
    }
    return this.continueLater(actor, job);
  }

  /**
   * Counts accounts still in the source industry: in the first pass they are
   * the total; in a verify phase, any found start another pass.
   */
  private async countStep(actor: Actor, job: MoveCustomersJob): Promise<MoveCustomersJob> {
    const counted = await this.deps.industryAccounts.count(
      actor.tenantId,
      job.fromIndustryId,
      job.cursor,
      this.limits.countPagesPerStep,
    );
    const { cursor: _cursor, ...rest } = job;
    if (job.phase === 'count') {
      const total = job.total + counted.count;
      return this.save(
        actor,
        job,
        counted.cursor ? { ...rest, total, cursor: counted.cursor } : { ...rest, total, phase: 'move' },
      );
    }
    const remaining = job.remaining + counted.count;
    if (counted.cursor) return this.save(actor, job, { ...rest, remaining, cursor: counted.cursor });
    if (remaining === 0) return this.save(actor, job, { ...rest, remaining, phase: 'finish' });
    if (job.pass >= maxMovePasses) {
      return this.save(actor, job, {
        ...rest,
        remaining,
        phase: 'finish',
        error: this.stragglersMessage(remaining),
      });
    }
    return this.save(actor, job, {
      ...rest,
      remaining,
      pass: job.pass + 1,
      phase: 'move',
      total: Math.max(job.total, job.done + job.skipped + remaining),
    });
  }

  private stragglersMessage(remaining: number) {
    return `${remaining} accounts were still in the industry after ${maxMovePasses} passes (they kept changing while the job ran); run the move again`;
  }

  /** Moves the accounts of one batch; any unexpected failure leaves the batch to be retried whole. */
  private async moveBatch(
    actor: Actor,
    job: MoveCustomersJob,
    accountIds: readonly string[],
  ): Promise<BatchOutcome> {
    const results = await mapLimitSettled(accountIds, this.limits.concurrency, (accountId) =>
      this.moveAccount(actor, accountId, job.fromIndustryId, job.toIndustryId),
    );
    const failed = results.find((r) => r.status === 'rejected');
    // Accounts moved before the failure are found moved on the retry and counted then.
    if (failed) throw failed.reason;
    const outcomes = results.map((r) => (r as PromiseFulfilledResult<AccountMoveResult>).value);
    return {
      moved: outcomes.filter((o) => o === 'moved').length,
      alreadyMoved: outcomes.filter((o) => o === 'alreadyMoved').length,
      gone: outcomes.filter((o) => o === 'gone').length,
      refused: outcomes.filter((o): o is AccountFailure => typeof o === 'object'),
    };
  }

  /**
   * One account, through `AccountService.update`: conditional on the version
   * just read, so an account is never moved twice, and a concurrent edit
   * makes it read again.
   */
  private async moveAccount(
    actor: Actor,
    accountId: string,
    from: string,
    to: string,
  ): Promise<AccountMoveResult> {
    for (let attempt = 1; ; attempt++) {
      let account: Awaited<ReturnType<AccountService['get']>>;
      try {
        account = await this.deps.accounts.get(actor, accountId);
      } catch (error) {
        if (error instanceof NotFoundError) return 'gone';
        throw error;
      }
      if (account.industryId === to) return 'alreadyMoved';
      if (account.industryId !== from) return 'gone';
      try {
        await this.deps.accounts.update(actor, accountId, account.version, { industryId: to });
        return 'moved';
      } catch (error) {
        if (error instanceof VersionMismatchError && attempt < versionRetries) continue;
        if (error instanceof ValidationError || error instanceof ConflictError) {
          return { accountId, reason: error.message };
        }
        throw error;
      }
    }
  }

  /** Hands the job to the next invocation: the next step's event, written with the job. */
  private async continueLater(actor: Actor, job: MoveCustomersJob): Promise<DomainEvent> {
    const ctx = await changeContext(this.deps, actor);
    const step = job.step + 1;
    const event = newSettingsEvent(this.deps, ctx, 'MoveCustomersContinued', {
      subject: settingsSubject('job', job.id),
      data: { jobId: job.id, step, done: job.done, total: job.total },
    });
    await this.deps.jobs.save(job, touched({ ...job, step }, ctx), event);
    return event;
  }

  /**
   * Ends the job: deletes the source industry when asked to (and nothing was
   * refused), releases both industries and writes `MoveCustomersFinished`.
   */
  private async finish(actor: Actor, job: MoveCustomersJob): Promise<DomainEvent> {
    let error = job.error;
    if (!error && job.deleteSourceWhenDone) {
      if (job.skipped > 0) {
        error = `${job.skipped === 1 ? '1 account' : `${job.skipped} accounts`} could not be moved, so the industry was kept`;
      } else {
        try {
          await this.deps.removal.removeAfterMove(actor, job.fromIndustryId, job.id);
        } catch (cause) {
          if (!(cause instanceof ConflictError)) throw cause;
          error = `the industry could not be deleted: ${cause.message}`;
        }
      }
    }
    const ctx = await changeContext(this.deps, actor);
    const next = touched(finished(job, ctx.now, error), ctx);
    const event = newSettingsEvent(this.deps, ctx, 'MoveCustomersFinished', {
      subject: settingsSubject('job', job.id),
      data: { jobId: job.id, job: jobView(next) },
    });
    await this.deps.jobs.save(job, next, event, [job.fromIndustryId, job.toIndustryId]);
    return event;
  }

  private async save(actor: Actor, previous: MoveCustomersJob, next: MoveCustomersJob) {
    const stamped = touched(next, await changeContext(this.deps, actor));
    await this.deps.jobs.save(previous, stamped);
    return stamped;
  }
}
