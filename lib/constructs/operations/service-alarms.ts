import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { tableDefinition } from '../../table-definition';
import type { AlarmFactory } from './alarm-factory';
import type { StackMetrics } from './metrics';
import { runbook } from './runbook';

const fiveMinutes = Duration.minutes(5);

/**
 * The operations the table layer (`shared/`) calls, which a test keeps in
 * step with its code: DynamoDB reports SystemErrors per operation only, and
 * an alarm sums at most ten metrics. Not the stream's GetRecords: Lambda
 * calls it, and its metrics carry a StreamLabel dimension besides.
 */
export const tableOperations = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
] as const;

/**
 * Fewer requests than this in five minutes make no 5xx rate: at night one
 * error in five requests would be 20 %. A function that throws still fires
 * its own errors alarm.
 */
const apiRateMinimumRequests = 20;

/** The HTTP API's 5xx rate and p99 latency, over five minutes. */
export function apiAlarms(alarms: AlarmFactory, metrics: StackMetrics): void {
  alarms.add('Api-5xxRate', {
    name: 'api-5xx-rate',
    metric: new cloudwatch.MathExpression({
      expression: `IF(requests >= ${apiRateMinimumRequests}, 100 * errors / requests, 0)`,
      usingMetrics: {
        errors: metrics.api('5xx', { statistic: 'Sum', period: fiveMinutes }),
        requests: metrics.api('Count', { statistic: 'Sum', period: fiveMinutes }),
      },
      label: `5xx % of requests (0 under ${apiRateMinimumRequests} requests)`,
      period: fiveMinutes,
    }),
    threshold: 1,
    meaning: `Over 1 % of the API’s requests in 5 minutes (at least ${apiRateMinimumRequests} of them) answered 5xx.`,
    runbook: runbook.api,
  });
  alarms.add('Api-LatencyP99', {
    name: 'api-latency-p99',
    metric: metrics.api('Latency', { statistic: 'p99', period: fiveMinutes }),
    threshold: 5000,
    meaning: 'The API’s p99 latency over 5 minutes exceeded 5 s.',
    runbook: runbook.api,
  });
}

/** The table's throttles (the table's and its indexes') and DynamoDB's own errors. */
export function tableAlarms(alarms: AlarmFactory, metrics: StackMetrics): void {
  const withIndexes = (metricName: string) =>
    new cloudwatch.MathExpression({
      expression: 'SUM(METRICS())',
      usingMetrics: Object.fromEntries([
        ['table', metrics.table(metricName, { statistic: 'Sum' })],
        ...tableDefinition.globalIndexes.map((index) => [
          index.name,
          metrics.table(metricName, { statistic: 'Sum' }, { GlobalSecondaryIndexName: index.name }),
        ]),
      ]),
      label: `${metricName}, table and indexes`,
      period: Duration.minutes(1),
    });
  for (const [id, metricName] of [
    ['Read', 'ReadThrottleEvents'],
    ['Write', 'WriteThrottleEvents'],
  ] as const) {
    alarms.add(`Table-${id}Throttles`, {
      name: `table-${id.toLowerCase()}-throttles`,
      metric: withIndexes(metricName),
      threshold: 10,
      meaning: `DynamoDB throttled over 10 ${id.toLowerCase()} requests to the table in a minute.`,
      runbook: runbook.table,
    });
  }
  alarms.add('Table-SystemErrors', {
    name: 'table-system-errors',
    metric: new cloudwatch.MathExpression({
      expression: 'SUM(METRICS())',
      usingMetrics: Object.fromEntries(
        tableOperations.map((operation) => [
          operation.toLowerCase(),
          metrics.table('SystemErrors', { statistic: 'Sum' }, { Operation: operation }),
        ]),
      ),
      label: 'SystemErrors, all operations',
      period: Duration.minutes(1),
    }),
    threshold: 0,
    meaning: 'DynamoDB answered requests to the table with an internal error (HTTP 500).',
    runbook: runbook.table,
  });
}

/** The account's SES bounce and complaint rates, at the thresholds where SES reviews the account. */
export function mailReputationAlarms(alarms: AlarmFactory, metrics: StackMetrics): void {
  alarms.add('Ses-BounceRate', {
    name: 'ses-bounce-rate',
    metric: metrics.ses('Reputation.BounceRate', { statistic: 'Maximum', period: Duration.hours(1) }),
    threshold: 0.05,
    atLeast: true,
    meaning: 'The account’s SES bounce rate reached 5 %: SES puts the account under review there.',
    runbook: runbook.mailReputation,
  });
  alarms.add('Ses-ComplaintRate', {
    name: 'ses-complaint-rate',
    metric: metrics.ses('Reputation.ComplaintRate', { statistic: 'Maximum', period: Duration.hours(1) }),
    threshold: 0.001,
    atLeast: true,
    meaning: 'The account’s SES complaint rate reached 0.1 %: SES puts the account under review there.',
    runbook: runbook.mailReputation,
  });
}
