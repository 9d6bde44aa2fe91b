import { contractRenewals, contractsServices } from '#runtime/contracts-services';
import { contractsEnvironment } from '#runtime/environment/contracts';
import { environmentRenderer } from '#runtime/environment/renderer';
import { environmentScheduler } from '#runtime/environment/scheduler';
import { environmentTable } from '#runtime/environment/table';
import { observability, observedHandler } from '#runtime/observability/observed-handler';

const observed = observability('contract-jobs');
const { logger } = observed;
const { signing, printBatches } = contractsServices({
  ...contractsEnvironment(),
  renderer: environmentRenderer(),
});
const renewals = contractRenewals({ table: environmentTable(), scheduler: environmentScheduler() });

/** The schedule sends nothing; an operator may run a past day by invoking it with `{ "day": "YYYY-MM-DD" }`. */
interface JobInput {
  readonly day?: string;
}

const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The daily contract jobs, for the day given or today (UTC): each reads its
 * own due list, so one failing leaves the others' work done and its own
 * entries listed for the next run.
 */
async function handle(input: JobInput | undefined): Promise<Record<string, unknown>> {
  const day = isDay(input?.day) ? input.day : new Date().toISOString().slice(0, 10);
  const results = await Promise.allSettled([
    signing.recheckDue(day),
    renewals.renewDue(day),
    renewals.endDue(day),
    printBatches.collect(day),
  ]);
  const [rechecked, renewed, ended, printed] = results.map((r) =>
    r.status === 'fulfilled' ? r.value : r.reason,
  );
  const summary = { day, rechecked, renewed, ended, printed };
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    logger.error('contract jobs failed', { ...summary });
    throw new AggregateError(
      failed.map((r) => (r as PromiseRejectedResult).reason),
      'contract jobs failed',
    );
  }
  logger.info('contract jobs done', summary);
  return summary;
}

export const handler = observedHandler('contract-jobs', handle, { observability: observed });
