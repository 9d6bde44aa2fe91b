import { commissionsServices } from '#runtime/commissions-services';
import { environmentTable } from '#runtime/environment/table';
import { observability, observedHandler } from '#runtime/observability/observed-handler';

const observed = observability('commission-jobs');
const { logger } = observed;
const { dueJob } = commissionsServices({ table: environmentTable() });

/** An operator may run a past day by invoking it with `{ "day": "YYYY-MM-DD" }`. */
interface JobInput {
  readonly day?: string;
}

const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * Daily (R-PL-3): the instalments whose day has come become due. Entries
 * that failed stay listed for the next run; the run fails so the operator sees it.
 */
async function handle(input: JobInput | undefined): Promise<Record<string, unknown>> {
  const day = isDay(input?.day) ? input.day : new Date().toISOString().slice(0, 10);
  const result = await dueJob.run(day);
  const summary = { day, ...result };
  if (result.failed > 0) {
    logger.error('commission jobs failed', summary);
    throw new Error(`${result.failed} commissions could not be made due on ${day}`);
  }
  logger.info('commission jobs done', summary);
  return summary;
}

export const handler = observedHandler('commission-jobs', handle, { observability: observed });
