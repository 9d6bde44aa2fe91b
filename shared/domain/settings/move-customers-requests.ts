import { assertVersion, NotFoundError, ValidationError } from '#domain/errors';
import type { Actor, Created, IdempotencyToken } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { createdStamps } from '#domain/stamps';
import type { MoveCustomersJob } from './job';
import { newSettingsEvent } from './settings-events';
import type { SettingsService } from './settings-service';
import type { JobStore } from './stores';
import { settingsSubject } from './subjects';

/** How long a job holds its industries: a job that died frees them after this. */
const jobLockHours = 24;

/**
 * Starts "move customers" jobs (R-ST-2) and shows them. The request writes
 * the job and its first event; `MoveCustomersRunner` does the moving, one
 * event at a time. Apart from the runner, so that the settings API carries
 * nothing of the accounts module the runner changes accounts through.
 */
export class MoveCustomersRequests {
  constructor(
    private readonly deps: ServiceDeps & {
      readonly settings: SettingsService;
      readonly jobs: JobStore;
    },
  ) {}

  /**
   * Starts a job moving every account of `fromIndustryId` to `toIndustryId`;
   * with `deleteSource`, the source industry is deleted once it is empty.
   * `toField` names the request field of the target for error messages.
   */
  async request(
    actor: Actor,
    fromIndustryId: string,
    toIndustryId: string,
    options: {
      readonly deleteSource?: boolean;
      readonly toField?: string;
      /** The source industry's version the request is based on (`If-Match` of a delete). */
      readonly expectedVersion?: number;
    } = {},
    idempotency?: IdempotencyToken,
  ): Promise<Created<MoveCustomersJob>> {
    const toField = options.toField ?? 'toIndustryId';
    const from = await this.deps.settings.get(actor, 'industry', fromIndustryId);
    assertVersion('industry', from, options.expectedVersion);
    if (toIndustryId === fromIndustryId) {
      throw new ValidationError([
        { name: toField, reason: 'must be another industry than the one moved from' },
      ]);
    }
    try {
      await this.deps.settings.get(actor, 'industry', toIndustryId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new ValidationError([{ name: toField, reason: 'is not an industry of this tenant' }]);
    }
    const ctx = await changeContext(this.deps, actor);
    const job: MoveCustomersJob = {
      ...createdStamps(this.deps.ids.next(), ctx),
      kind: 'move-customers',
      state: 'queued',
      fromIndustryId,
      toIndustryId,
      deleteSourceWhenDone: options.deleteSource ?? false,
      total: 0,
      done: 0,
      skipped: 0,
      failures: [],
      step: 0,
      phase: 'count',
      pass: 1,
      remaining: 0,
    };
    const event = newSettingsEvent(this.deps, ctx, 'MoveCustomersRequested', {
      subject: settingsSubject('job', job.id),
      data: {
        jobId: job.id,
        step: 0,
        fromIndustryId,
        toIndustryId,
        deleteSourceWhenDone: job.deleteSourceWhenDone,
      },
    });
    const until = new Date(ctx.now.getTime() + jobLockHours * 3600_000).toISOString();
    return this.deps.jobs.create(
      job,
      event,
      { settingIds: [fromIndustryId, toIndustryId], until },
      idempotency,
    );
  }

  /** Another tenant's job answers 404. */
  async get(actor: Actor, jobId: string): Promise<MoveCustomersJob> {
    const job = await this.deps.jobs.get(actor.tenantId, jobId);
    if (job?.kind !== 'move-customers') throw new NotFoundError('job', jobId);
    return job;
  }
}
