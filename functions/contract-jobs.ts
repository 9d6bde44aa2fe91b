import { Logger } from '@aws-lambda-powertools/logger';
import { contractsServices } from '#runtime/contracts-services';
import { contractsEnvironment } from '#runtime/environment/contracts';

const logger = new Logger({ serviceName: 'contract-jobs' });
const { signing } = contractsServices(contractsEnvironment());

/** The schedule sends nothing; an operator may run a past day by invoking it with `{ "day": "YYYY-MM-DD" }`. */
interface JobInput {
  readonly day?: string;
}

const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The daily contract jobs, for the day given or today (UTC). */
export async function handler(input: JobInput | undefined): Promise<Record<string, unknown>> {
  const day = isDay(input?.day) ? input.day : new Date().toISOString().slice(0, 10);
  const rechecked = await signing.recheckDue(day);
  const summary = { day, rechecked };
  logger.info('contract jobs done', summary);
  return summary;
}
