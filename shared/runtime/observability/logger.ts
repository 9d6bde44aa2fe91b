import { Logger } from '@aws-lambda-powertools/logger';
import { CorrelatedLogFormatter } from './log-formatter';

/** The logger of a function or shell: Powertools' JSON lines with the current correlation on each. */
export const gridlineLogger = (serviceName: string): Logger =>
  new Logger({ serviceName, logFormatter: new CorrelatedLogFormatter() });
